package io.modomodo.api.reward;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * OpenRLHF's remote reward request ({@code --reward.remote_url}, formerly {@code --remote_rm_url}).
 *
 * @param query   prompt followed by the response, one per sample
 * @param prompts the prompt of each query, removed from its start (optional)
 * @param labels  the gold answer of each query: a plain answer, or an object (or its JSON text)
 *                {@code {"verifier": …, "answer": …, "params": …}}
 */
public record OpenRlhfRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> query,
        List<String> prompts, List<Object> labels) {
}
