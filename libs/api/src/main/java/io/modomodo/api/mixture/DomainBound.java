package io.modomodo.api.mixture;

/**
 * Bounds on one domain's weight; a missing {@code min} is 0, a missing {@code max} is 1.
 *
 * @param min smallest allowed weight
 * @param max largest allowed weight
 */
public record DomainBound(Double min, Double max) {
}
