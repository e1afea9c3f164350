package io.modomodo.domains;

import java.util.List;

/** A finite, indexable set of items of one domain. Implementations are immutable and thread-safe. */
public interface Dataset {

    /** The domain name, the key of the mixture weights. */
    String domain();

    /** Number of items. */
    long size();

    /** The item at this index, 0 ≤ index &lt; size; the same item every time. */
    Item get(long index);

    /** A dataset over a list of items (copied). */
    static Dataset of(String domain, List<Item> items) {
        List<Item> copy = List.copyOf(items);
        return new Dataset() {
            @Override
            public String domain() {
                return domain;
            }

            @Override
            public long size() {
                return copy.size();
            }

            @Override
            public Item get(long index) {
                return copy.get(Math.toIntExact(index));
            }
        };
    }
}
