package io.modomodo.rollout.config;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.api.problem.BodyLimitFilter;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.service.policy.PolicyCache;

/** The policy cache over the checkpoint store and the request body limit. */
@Configuration(proxyBeanMethods = false)
class RolloutConfiguration {

    @Bean(destroyMethod = "close")
    PolicyCache policyCache(RolloutProperties properties, MeterRegistry registry) {
        return new PolicyCache(new PolicyStoreLayout(properties.checkpointDir()), properties.cacheSize(),
                DjlRuntime.preferredDevice(), registry, "modomodo.rollout.cache");
    }

    /** Answered by the shared problem handler, reached through the resolver. */
    @Bean
    BodyLimitFilter bodyLimitFilter(RolloutProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return new BodyLimitFilter(properties.limits().maxBodyBytes(), resolver);
    }
}
