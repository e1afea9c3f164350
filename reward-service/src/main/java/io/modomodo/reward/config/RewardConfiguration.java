package io.modomodo.reward.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.modomodo.rewards.VerifierRegistry;

/** Wires the verifier library into the service. */
@Configuration(proxyBeanMethods = false)
class RewardConfiguration {

    /** The built-in verifiers; a deployment adds its own by replacing this bean. */
    @Bean
    VerifierRegistry verifierRegistry() {
        return VerifierRegistry.standard();
    }
}
