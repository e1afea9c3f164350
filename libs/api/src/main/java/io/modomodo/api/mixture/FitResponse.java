package io.modomodo.api.mixture;

import java.util.UUID;

/** A stored fit: the model, how many runs it saw, its cross-validated quality and coefficients. */
public record FitResponse(UUID id, String model, int n, CrossValidationResult cv, Coefficients coefficients) {
}
