package io.modomodo.domains.suite;

import io.modomodo.domains.scene.Scene;

/**
 * Data splits. A scene belongs to exactly one split, decided by its {@link Scene#fingerprint()}: 80% of the
 * scene space is train, 10% validation, 10% test. Generation draws scenes from a split-specific stream and
 * keeps only those of its own split, so two splits can never share a scene, however many items are drawn.
 */
public enum Split {
    TRAIN("train", 0, 80),
    VALIDATION("validation", 80, 90),
    TEST("test", 90, 100);

    private final String word;
    private final int from;
    private final int to;

    Split(String word, int from, int to) {
        this.word = word;
        this.from = from;
        this.to = to;
    }

    /** The lower-case name used in item ids. */
    public String word() {
        return word;
    }

    /** The split a scene belongs to. */
    public static Split of(Scene scene) {
        long h = scene.fingerprint();
        int bucket = (int) Long.remainderUnsigned(h ^ (h >>> 29), 100);
        for (Split s : values()) {
            if (bucket >= s.from && bucket < s.to) {
                return s;
            }
        }
        throw new AssertionError(bucket);
    }

    /**
     * Parses {@code train}, {@code validation} (or {@code val}) and {@code test}, any case.
     *
     * @throws IllegalArgumentException for null or any other name, naming the valid ones
     */
    public static Split parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("split must be one of train, validation, test; got null");
        }
        String n = name.strip().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("val")) {
            return VALIDATION;
        }
        for (Split s : values()) {
            if (s.word.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "'; known: train, validation, test");
    }
}
