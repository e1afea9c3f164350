package io.modomodo.rewards;

/**
 * A gold answer already read and validated by its verifier, with the item's parameters bound. It is
 * immutable and may be checked from any number of threads.
 */
@FunctionalInterface
public interface GoldAnswer {

    /**
     * Scores an extracted answer text against this gold answer. Never throws for any input, and
     * returns in time bounded by the length of {@code answer}.
     */
    Verdict check(String answer);
}
