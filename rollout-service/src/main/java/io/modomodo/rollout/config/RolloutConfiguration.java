package io.modomodo.rollout.config;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.service.policy.PolicyCache;
import io.modomodo.service.web.RequestBodyLimitFilter;

/** The policy cache over the checkpoint store and the request body limit. */
@Configuration(proxyBeanMethods = false)
class RolloutConfiguration {

    @Bean(destroyMethod = "close")
    PolicyCache policyCache(RolloutProperties properties, MeterRegistry registry) {
        return new PolicyCache(new PolicyStoreLayout(properties.checkpointDir()), properties.cacheSize(),
                DjlRuntime.preferredDevice(), registry, "modomodo.rollout.cache");
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(RolloutProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.limits().maxBodyBytes()));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
