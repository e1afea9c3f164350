package io.modomodo.rollout.service;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.rollout.config.RolloutProperties;

/** The batcher and its runner; here because both are package-private to the service layer. */
@Configuration(proxyBeanMethods = false)
class RolloutServiceConfiguration {

    @Bean
    RolloutMetrics rolloutMetrics(MeterRegistry registry) {
        return new RolloutMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    Batcher<RolloutJob> rolloutBatcher(RolloutProperties properties, RolloutMetrics metrics, MeterRegistry registry) {
        RolloutProperties.Queue queue = properties.queue();
        Batcher<RolloutJob> batcher = new Batcher<>(queue.capacity(), queue.workers(),
                (batch, candidate) -> RolloutJob.canJoin(batch, candidate, queue.maxBatchSequences()),
                new RolloutRunner(metrics, PolicyMetrics.of(registry), queue), "rollout-worker");
        metrics.queueDepth(batcher::waiting);
        return batcher;
    }
}
