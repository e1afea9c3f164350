package io.modomodo.mixture.config;

import java.net.http.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.modomodo.api.client.ServiceClients;
import io.modomodo.api.client.TrainerClient;

/** The one HTTP client of the trainer-service (or of the gateway in front of it) the executions use. */
@Configuration(proxyBeanMethods = false)
class TrainerClientConfiguration {

    @Bean
    TrainerClient trainerClient(ExecutionProperties properties) {
        ExecutionProperties.Trainer trainer = properties.trainer();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(trainer.connectTimeout()).build());
        factory.setReadTimeout(trainer.readTimeout());
        RestClient.Builder rest = RestClient.builder().baseUrl(trainer.url()).requestFactory(factory);
        if (trainer.apiKey() != null && !trainer.apiKey().isBlank()) {
            rest.defaultHeader("X-API-Key", trainer.apiKey());
        }
        return ServiceClients.create(TrainerClient.class, rest.build());
    }
}
