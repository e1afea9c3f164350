package io.modomodo.rollout.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.runtime.PolicyMetrics;

/**
 * Runs one batch: one generate call over the rows of all its jobs, on the head's model and with the
 * head's options (which {@link RolloutJob#canJoin} made equal for all but the seed), then hands each job
 * its slice of the completions and releases every job's lease.
 */
final class RolloutRunner implements Consumer<List<RolloutJob>> {

    private final RolloutMetrics metrics;
    private final PolicyMetrics policyMetrics;

    RolloutRunner(RolloutMetrics metrics, PolicyMetrics policyMetrics) {
        this.metrics = metrics;
        this.policyMetrics = policyMetrics;
    }

    @Override
    public void accept(List<RolloutJob> batch) {
        try {
            RolloutJob head = batch.get(0);
            List<GenerationInput> rows = new ArrayList<>();
            batch.forEach(job -> rows.addAll(job.rows()));
            long started = System.nanoTime();
            List<Completion> completions = new Generator(head.lease().value().policy()).optMetrics(policyMetrics)
                    .generate(rows, head.options());
            metrics.batch(batch.size(), rows.size(), Duration.ofNanos(System.nanoTime() - started));
            int from = 0;
            for (RolloutJob job : batch) {
                int to = from + job.rows().size();
                job.result().complete(List.copyOf(completions.subList(from, to)));
                from = to;
            }
        }
        finally {
            batch.forEach(job -> job.lease().close());
        }
    }
}
