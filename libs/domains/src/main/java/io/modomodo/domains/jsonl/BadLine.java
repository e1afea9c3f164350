package io.modomodo.domains.jsonl;

import java.nio.file.Path;

/**
 * A line of a JSONL file that could not be read as an item.
 *
 * @param file the file
 * @param line 1-based line number
 * @param reason what is wrong, naming the field
 */
public record BadLine(Path file, long line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
