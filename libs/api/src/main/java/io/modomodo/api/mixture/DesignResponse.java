package io.modomodo.api.mixture;

import java.util.List;

/** The designed mixtures, none of them already run in the study. */
public record DesignResponse(List<Mixture> mixtures) {
}
