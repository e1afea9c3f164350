package io.modomodo.api.reward;

import java.util.List;

/** The results of a batch, in item order. */
public record ScoreResponse(List<ScoreResult> results) {
}
