package io.modomodo.policy.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of the policy engine, so a service that passes its registry gets generation,
 * scoring, training and checkpoint figures on {@code /actuator/prometheus} without wrapping every
 * call. {@link #NONE} records nothing.
 *
 * <ul>
 * <li>{@code modomodo.policy.generation} (timer, tag {@code cache}), {@code modomodo.policy.generated.tokens}
 * (counter), {@code modomodo.policy.completions} (counter, tag {@code finish});</li>
 * <li>{@code modomodo.policy.scoring} (timer), {@code modomodo.policy.scored.tokens} (counter);</li>
 * <li>{@code modomodo.policy.train.step} (timer, tag {@code kind} = grpo | supervised),
 * {@code modomodo.policy.train.tokens} (counter), and gauges of the last step under
 * {@code modomodo.policy.train.last} (tag {@code stat}: loss, reward_mean, clip_fraction, approx_kl,
 * reference_kl, entropy, grad_norm, learning_rate);</li>
 * <li>{@code modomodo.policy.checkpoint} (timer, tag {@code operation} = save | load).</li>
 * </ul>
 */
public final class PolicyMetrics {

    /** Records nothing. */
    public static final PolicyMetrics NONE = new PolicyMetrics(null);

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastValues = new ConcurrentHashMap<>();

    private PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters in the given registry (null gives {@link #NONE}). */
    public static PolicyMetrics of(MeterRegistry registry) {
        return registry == null ? NONE : new PolicyMetrics(registry);
    }

    /** One batched generation call. */
    public void generation(boolean cache, long tokens, long nanos) {
        if (registry == null) {
            return;
        }
        Timer.builder("modomodo.policy.generation").tag("cache", String.valueOf(cache))
                .description("Batched sampling calls").register(registry).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("modomodo.policy.generated.tokens").register(registry).increment(tokens);
    }

    /** One finished completion. */
    public void completion(String finishReason) {
        if (registry != null) {
            Counter.builder("modomodo.policy.completions").tag("finish", finishReason).register(registry).increment();
        }
    }

    /** One teacher-forced scoring call. */
    public void scoring(long tokens, long nanos) {
        if (registry == null) {
            return;
        }
        Timer.builder("modomodo.policy.scoring").register(registry).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("modomodo.policy.scored.tokens").register(registry).increment(tokens);
    }

    /** One training step; {@code stats} are the gauge values of the last step (NaN entries are skipped). */
    public void trainStep(String kind, long tokens, long millis, Map<String, Double> stats) {
        if (registry == null) {
            return;
        }
        Timer.builder("modomodo.policy.train.step").tag("kind", kind).register(registry)
                .record(millis, TimeUnit.MILLISECONDS);
        Counter.builder("modomodo.policy.train.tokens").tag("kind", kind).register(registry).increment(tokens);
        stats.forEach((stat, value) -> {
            if (value == null || value.isNaN()) {
                return;
            }
            AtomicLong bits = lastValues.computeIfAbsent(kind + "/" + stat, key -> {
                AtomicLong holder = new AtomicLong(Double.doubleToLongBits(Double.NaN));
                Gauge.builder("modomodo.policy.train.last", holder, h -> Double.longBitsToDouble(h.get()))
                        .tag("kind", kind).tag("stat", stat).register(registry);
                return holder;
            });
            bits.set(Double.doubleToLongBits(value));
        });
    }

    /** One checkpoint save or load. */
    public void checkpoint(String operation, long nanos) {
        if (registry != null) {
            Timer.builder("modomodo.policy.checkpoint").tag("operation", operation).register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
