package io.modomodo.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A gateway with a broken key list does not start, rather than starting with some keys ignored. */
class GatewayPropertiesBindingTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class)
            .withPropertyValues("modomodo.gateway.services.rollout=http://a", "modomodo.gateway.services.reward=http://b",
                    "modomodo.gateway.services.trainer=http://c", "modomodo.gateway.services.mixture=http://d");

    @Test
    void startsWithValidKeys() {
        context.withPropertyValues("modomodo.gateway.api-keys[0].name=ci", "modomodo.gateway.api-keys[0].key=k1")
                .run(started -> assertThat(started).hasNotFailed()
                        .getBean(GatewayProperties.class).extracting(p -> p.apiKeys().size()).isEqualTo(1));
    }

    @Test
    void refusesToStartWithTwoClientsOfOneName() {
        context.withPropertyValues("modomodo.gateway.api-keys[0].name=ci", "modomodo.gateway.api-keys[0].key=k1",
                "modomodo.gateway.api-keys[1].name=ci", "modomodo.gateway.api-keys[1].key=k2")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void refusesToStartWithAKeyThatHasNoSecret() {
        context.withPropertyValues("modomodo.gateway.api-keys[0].name=ci")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void refusesToStartWithAMalformedDigest() {
        context.withPropertyValues("modomodo.gateway.api-keys[0].name=ci",
                "modomodo.gateway.api-keys[0].key-sha256=abc")
                .run(started -> assertThat(started).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Enable {
    }
}
