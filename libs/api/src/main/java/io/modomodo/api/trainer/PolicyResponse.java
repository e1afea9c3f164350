package io.modomodo.api.trainer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A base policy.
 *
 * @param status {@code CREATING}, {@code READY} or {@code FAILED}
 * @param versions the stored versions (version 1 is the warm-started base)
 * @param parameterCount trainable parameters
 * @param warmStartLoss the supervised loss after each warm-start step
 * @param error why creation failed, as a sentence
 */
public record PolicyResponse(String name, String status, long seed, Map<String, Object> config, WarmStartSpec warmStart,
        List<Long> versions, long parameterCount, List<Double> warmStartLoss, String error, Instant createdAt,
        Instant updatedAt) {
}
