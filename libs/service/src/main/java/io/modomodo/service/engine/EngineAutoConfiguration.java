package io.modomodo.service.engine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Gives every service that has this module the engine's health indicator and warm-up. */
@AutoConfiguration
@EnableConfigurationProperties(EngineProperties.class)
public class EngineAutoConfiguration {

    /** Named {@code policyEngine}: the readiness groups of the services include it by that name. */
    @Bean("policyEngine")
    @ConditionalOnMissingBean(PolicyEngineHealth.class)
    PolicyEngineHealth policyEngine(EngineProperties properties) {
        return new PolicyEngineHealth(properties);
    }
}
