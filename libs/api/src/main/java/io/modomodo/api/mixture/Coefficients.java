package io.modomodo.api.mixture;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fitted surrogate as {@code f(w) = a + bᵀw + wᵀCw}. The fit is done in Scheffé form
 * {@code Σ β_i w_i + Σ_{i<j} β_ij w_i w_j} and read back as {@code a = 0}, {@code b_i = β_i},
 * {@code C_ij = C_ji = β_ij / 2}, {@code C_ii = 0}: on the simplex this is the same function.
 */
public record Coefficients(double a, Map<String, Double> b, @JsonProperty("C") Map<String, Map<String, Double>> c) {
}
