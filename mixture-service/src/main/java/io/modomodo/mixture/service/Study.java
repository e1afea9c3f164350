package io.modomodo.mixture.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.modomodo.api.mixture.DomainBound;
import io.modomodo.mixtures.simplex.Bounds;

/** A study as the use cases see it: domains in order and the bounds as the library's feasible set. */
record Study(UUID id, String name, List<String> domains, Map<String, DomainBound> bounds, Instant createdAt) {

    int dimension() {
        return domains.size();
    }

    Bounds simplexBounds() {
        int m = domains.size();
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int i = 0; i < m; i++) {
            DomainBound bound = bounds.get(domains.get(i));
            lo[i] = bound == null ? 0 : bound.min();
            hi[i] = bound == null ? 1 : bound.max();
        }
        return Bounds.of(lo, hi);
    }

    /**
     * Below this an optimiser's weight is rounding noise on a face of the simplex (6.1e-9 where 0 is
     * meant): it is written as 0 when the domain's lower bound allows.
     */
    static final double ZERO_WEIGHT = 1e-7;

    /** Weights in domain order as a map; renormalised so the values sum to 1 to rounding. */
    Map<String, Double> toWeights(double[] w) {
        double[] clean = new double[w.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            DomainBound bound = bounds.get(domains.get(i));
            double lower = bound == null ? 0 : bound.min();
            clean[i] = w[i] < ZERO_WEIGHT && lower == 0 ? 0 : Math.max(0, w[i]);
            sum += clean[i];
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < w.length; i++) {
            out.put(domains.get(i), clean[i] / sum);
        }
        return out;
    }

    /** A stored weight map as an array in domain order (a missing domain reads as 0). */
    double[] toArray(Map<String, Double> weights) {
        double[] w = new double[domains.size()];
        for (int i = 0; i < w.length; i++) {
            Double v = weights.get(domains.get(i));
            w[i] = v == null ? 0 : v;
        }
        return w;
    }
}
