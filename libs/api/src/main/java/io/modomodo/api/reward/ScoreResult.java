package io.modomodo.api.reward;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The reward of one response.
 *
 * @param id        the item's id
 * @param reward    Σ weight·component
 * @param format    1.0 when the response follows the template, else 0.0
 * @param accuracy  the verifier's accuracy in [0, 1]
 * @param extracted the answer as the verifier read it, {@code null} when it could not be read
 */
public record ScoreResult(String id, double reward, double format, double accuracy,
        @JsonInclude(JsonInclude.Include.ALWAYS) String extracted) {
}
