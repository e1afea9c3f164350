package io.modomodo.api.mixture;

import java.util.List;

/**
 * The designed mixtures, none of them already run in the study.
 *
 * @param mixtures the mixtures, at most the requested count
 * @param note why fewer than the requested count came back ({@code seeds} has at most 2m + 1 distinct
 *        mixtures; mixtures already run are skipped); null when the count was met
 */
public record DesignResponse(List<Mixture> mixtures, String note) {

    public DesignResponse(List<Mixture> mixtures) {
        this(mixtures, null);
    }
}
