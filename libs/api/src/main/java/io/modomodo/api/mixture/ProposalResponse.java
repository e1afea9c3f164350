package io.modomodo.api.mixture;

import java.util.List;
import java.util.UUID;

/**
 * Proposals, stored under {@code id} with the fit ({@code fitId}) and the runs behind them.
 *
 * @param minDistance the distance the request asked for
 * @param note why a proposal is closer than {@code minDistance} to a run or an earlier proposal (no
 *        mixture within the bounds was that far, so the distance was halved until one was); null when
 *        every proposal kept the distance
 */
public record ProposalResponse(UUID id, UUID fitId, List<ProposedMixture> proposals, Double minDistance,
        String note) {

    public ProposalResponse(UUID id, UUID fitId, List<ProposedMixture> proposals) {
        this(id, fitId, proposals, null, null);
    }
}
