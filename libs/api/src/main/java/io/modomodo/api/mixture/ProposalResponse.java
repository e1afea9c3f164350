package io.modomodo.api.mixture;

import java.util.List;
import java.util.UUID;

/**
 * Proposals, stored under {@code id} with the fit ({@code fitId}) and the runs behind them.
 */
public record ProposalResponse(UUID id, UUID fitId, List<ProposedMixture> proposals) {
}
