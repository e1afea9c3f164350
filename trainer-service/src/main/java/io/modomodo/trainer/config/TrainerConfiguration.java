package io.modomodo.trainer.config;

import java.net.http.HttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.modomodo.api.client.RewardClient;
import io.modomodo.api.client.RolloutClient;
import io.modomodo.api.client.ServiceClients;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.trainer.launch.InProcessJobLauncher;
import io.modomodo.trainer.launch.JobLauncher;
import io.modomodo.trainer.launch.NoJobLauncher;
import io.modomodo.trainer.launch.SingleJobMode;
import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.run.JobRunner;
import io.modomodo.trainer.run.TrainerMetrics;

/** The checkpoint store, the clients of the services jobs call, and the way jobs get run. */
@Configuration(proxyBeanMethods = false)
class TrainerConfiguration {

    private static final String IN_PROCESS = "'${modomodo.trainer.run-job:}' == '' and "
            + "'${modomodo.trainer.launcher:in-process}' == 'in-process'";

    @Bean
    PolicyStoreLayout policyStoreLayout(TrainerProperties properties) {
        return new PolicyStoreLayout(properties.checkpointDir());
    }

    @Bean
    RolloutClient rolloutClient(TrainerProperties properties) {
        return ServiceClients.create(RolloutClient.class, client(RestClient.builder(), properties, properties.services().rollout()
                .toString()));
    }

    @Bean
    RewardClient rewardClient(TrainerProperties properties) {
        return ServiceClients.create(RewardClient.class, client(RestClient.builder(), properties, properties.services().reward()
                .toString()));
    }

    private static RestClient client(RestClient.Builder builder, TrainerProperties properties, String baseUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.services().connectTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.services().readTimeout());
        return builder.baseUrl(baseUrl).requestFactory(factory).build();
    }

    @Bean
    @ConditionalOnExpression(IN_PROCESS)
    InProcessJobLauncher inProcessJobLauncher(JobRunner runner, TrainerProperties properties, TrainerMetrics metrics) {
        return new InProcessJobLauncher(runner, properties, metrics);
    }

    @Bean
    @ConditionalOnExpression("!(" + IN_PROCESS + ") and '${modomodo.trainer.launcher:in-process}' != 'kubernetes'")
    JobLauncher noJobLauncher() {
        return new NoJobLauncher();
    }

    @Bean
    @ConditionalOnExpression("'${modomodo.trainer.run-job:}' != ''")
    SingleJobMode singleJobMode(TrainerProperties properties, JobRunner runner, JobRepository jobs,
            ConfigurableApplicationContext context) {
        return new SingleJobMode(properties, runner, jobs, context);
    }
}
