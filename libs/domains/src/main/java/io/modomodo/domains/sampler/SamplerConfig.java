package io.modomodo.domains.sampler;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A mixture sampler's configuration.
 *
 * @param weights mixture weight per domain: finite, non-negative, summing to 1 within 1e-6
 * @param batchSize items per batch
 * @param seed the seed of every random choice
 * @param batchesPerEpoch batches per sampler epoch (for statistics); 0 means as many batches as it takes
 *                        to draw as many items as the positive-weight datasets hold
 */
public record SamplerConfig(Map<String, Double> weights, int batchSize, long seed, long batchesPerEpoch) {

    /** Tolerance on the sum of the weights. */
    public static final double SUM_TOLERANCE = 1e-6;

    /**
     * Validates the weights (refusing negative, non-finite or not summing to 1) and sorts them by domain.
     *
     * @throws IllegalArgumentException naming the offending weight
     */
    public SamplerConfig {
        Objects.requireNonNull(weights, "weights");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights must name at least one domain");
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            Double w = e.getValue();
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("weights: domain names must not be blank");
            }
            if (w == null || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights." + e.getKey() + " must be a finite number: " + w);
            }
            if (w < 0) {
                throw new IllegalArgumentException("weights." + e.getKey() + " must not be negative: " + w);
            }
            sum += w;
        }
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            // Round away the binary noise (0.500002 + 0.5 = 1.0000019999999998) so the message shows what the
            // caller wrote; keep the exact double too when it differs.
            String shown = new java.math.BigDecimal(sum).round(new java.math.MathContext(12)).stripTrailingZeros()
                    .toPlainString();
            String exact = Double.toString(sum);
            throw new IllegalArgumentException("weights must sum to 1 (within " + SUM_TOLERANCE + ") but sum to "
                    + shown + (exact.equals(shown) ? "" : " (exactly " + exact + ")"));
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (batchesPerEpoch < 0) {
            throw new IllegalArgumentException("batchesPerEpoch must not be negative: " + batchesPerEpoch);
        }
        weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    }

    /** A configuration with automatic epochs. */
    public static SamplerConfig of(Map<String, Double> weights, int batchSize, long seed) {
        return new SamplerConfig(weights, batchSize, seed, 0);
    }
}
