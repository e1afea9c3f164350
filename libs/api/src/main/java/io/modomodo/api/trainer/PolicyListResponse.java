package io.modomodo.api.trainer;

import java.util.List;

/** {@code GET /api/v1/policies}. */
public record PolicyListResponse(List<PolicyResponse> policies) {
}
