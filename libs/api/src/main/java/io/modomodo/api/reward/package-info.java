/**
 * Request and response records of the reward-service: scoring ({@code POST /api/v1/rewards/score}),
 * OpenRLHF's remote reward protocol ({@code POST /api/v1/rewards/openrlhf}) and the verifier catalogue
 * ({@code GET /api/v1/rewards/verifiers}).
 */
package io.modomodo.api.reward;
