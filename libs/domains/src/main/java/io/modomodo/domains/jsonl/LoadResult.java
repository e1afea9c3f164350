package io.modomodo.domains.jsonl;

import io.modomodo.domains.Dataset;
import io.modomodo.domains.Item;
import java.nio.file.Path;
import java.util.List;

/**
 * What a JSONL load produced.
 *
 * @param file the file read
 * @param domain the domain its items were given
 * @param items the items read, in file order
 * @param badLines the lines skipped, in file order (empty when loading with FAIL succeeded)
 */
public record LoadResult(Path file, String domain, List<Item> items, List<BadLine> badLines) {

    /** Copies the lists. */
    public LoadResult {
        items = List.copyOf(items);
        badLines = List.copyOf(badLines);
    }

    /** Number of lines skipped. */
    public int skipped() {
        return badLines.size();
    }

    /** The items as a dataset of this domain. */
    public Dataset dataset() {
        return Dataset.of(domain, items);
    }
}
