package io.modomodo.domains.sampler;

import io.modomodo.domains.Item;
import java.util.List;
import java.util.Map;

/**
 * One batch of a mixture.
 *
 * @param number 0-based batch number since the start of sampling
 * @param epoch the sampler epoch this batch belongs to
 * @param items the items, in randomised order
 * @param domains the domain (mixture key) of each item, parallel to {@code items}
 * @param counts items per domain in this batch (every positive-weight domain, possibly 0)
 * @param endsEpoch whether this is the last batch of its epoch
 */
public record Batch(long number, long epoch, List<Item> items, List<String> domains, Map<String, Integer> counts,
                    boolean endsEpoch) {

    /** Copies the lists and map. */
    public Batch {
        items = List.copyOf(items);
        domains = List.copyOf(domains);
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    }
}
