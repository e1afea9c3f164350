package io.modomodo.trainer.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.modomodo.api.trainer.PhaseSeconds;
import io.modomodo.api.trainer.StepMetrics;

import org.springframework.stereotype.Component;

import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.repository.JobStatus;

/**
 * {@code modomodo.trainer.*} meters. Per-job gauges carry the job id, so two jobs on one replica never overwrite
 * each other; they are removed when the job leaves this replica.
 */
@Component
public class TrainerMetrics {

    private final MeterRegistry registry;
    private final Map<UUID, JobGauges> jobs = new ConcurrentHashMap<>();
    private final Map<String, Long> statusCounts = new ConcurrentHashMap<>();
    private final JobRepository repository;

    public TrainerMetrics(MeterRegistry registry, JobRepository repository) {
        this.registry = registry;
        this.repository = repository;
        for (String status : JobStatus.ALL) {
            statusCounts.put(status, 0L);
            Gauge.builder("modomodo.trainer.jobs", statusCounts, counts -> counts.getOrDefault(status, 0L))
                    .description("jobs by status (all replicas, refreshed by the job poller)").tag("status", status)
                    .register(registry);
        }
    }

    /** Re-reads the job counts; called by the poller, so a scrape never waits on the database. */
    public void refreshStatusCounts() {
        try {
            statusCounts.putAll(repository.countByStatus());
        }
        catch (RuntimeException ex) {
            // The database being down shows in readiness; the gauges keep their last values.
        }
    }

    void step(UUID job, StepMetrics metrics) {
        Counter.builder("modomodo.trainer.steps").description("GRPO steps completed").register(registry).increment();
        PhaseSeconds s = metrics.seconds();
        phase("sample", s.sample());
        phase("rollout", s.rollout());
        phase("reward", s.reward());
        phase("update", s.update());
        phase("publish", s.publish());
        phase("total", s.total());
        JobGauges gauges = jobs.computeIfAbsent(job, JobGauges::new);
        gauges.last.set(metrics);
        metrics.domains().keySet().forEach(domain -> gauges.domain(domain));
    }

    private void phase(String phase, double seconds) {
        Timer.builder("modomodo.trainer.step.seconds").description("time of a GRPO step by phase").tag("phase", phase)
                .register(registry).record(Duration.ofNanos((long) (seconds * 1e9)));
    }

    void evaluation(UUID job, double inScore, double outScore) {
        JobGauges gauges = jobs.computeIfAbsent(job, JobGauges::new);
        gauges.inScore = inScore;
        gauges.outScore = outScore;
    }

    void retry(String service) {
        Counter.builder("modomodo.trainer.service.retries").description("calls retried while a service was unreachable")
                .tag("service", service).register(registry).increment();
    }

    void forget(UUID job) {
        JobGauges gauges = jobs.remove(job);
        if (gauges != null) {
            gauges.meters.forEach(registry::remove);
        }
    }

    private final class JobGauges {
        final AtomicReference<StepMetrics> last = new AtomicReference<>();
        final List<Meter> meters = new CopyOnWriteArrayList<>();
        final Map<String, Boolean> domains = new ConcurrentHashMap<>();
        final Tags tags;
        volatile double inScore = Double.NaN;
        volatile double outScore = Double.NaN;

        JobGauges(UUID job) {
            tags = Tags.of("job", job.toString());
            meters.add(Gauge.builder("modomodo.trainer.job.step", last, l -> l.get() == null ? 0 : l.get().step())
                    .tags(tags).register(registry));
            meters.add(Gauge.builder("modomodo.trainer.reward", last, l -> l.get() == null ? Double.NaN
                    : l.get().rewardMean()).tags(tags).register(registry));
            meters.add(Gauge.builder("modomodo.trainer.kl", last, l -> l.get() == null ? Double.NaN : l.get().kl())
                    .tags(tags).register(registry));
            meters.add(Gauge.builder("modomodo.trainer.policy.lag", last, l -> l.get() == null ? Double.NaN
                    : l.get().policyLag()).description("steps between the weights that sampled and the weights updated")
                    .tags(tags).register(registry));
            meters.add(Gauge.builder("modomodo.trainer.eval.score", this, g -> g.inScore).tags(tags.and("split", "in"))
                    .register(registry));
            meters.add(Gauge.builder("modomodo.trainer.eval.score", this, g -> g.outScore).tags(tags.and("split", "out"))
                    .register(registry));
        }

        void domain(String domain) {
            domains.computeIfAbsent(domain, d -> {
                meters.add(Gauge.builder("modomodo.trainer.domain.reward", last, l -> {
                    StepMetrics m = l.get();
                    return m == null || m.domains().get(d) == null ? Double.NaN : m.domains().get(d).rewardMean();
                }).tags(tags.and("domain", d)).register(registry));
                return true;
            });
        }
    }
}
