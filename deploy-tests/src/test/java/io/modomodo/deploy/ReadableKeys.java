package io.modomodo.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configuration keys one service reads, as patterns of Spring's relaxed binding: a variable
 * {@code MODOMODO_TRAINER_CHECKPOINTDIR} is the key {@code modomodo.trainer.checkpoint-dir} in upper case,
 * dots as underscores, dashes dropped; a list element is a number segment; a map key is one or more
 * segments. A name no pattern matches is a variable the service does not read.
 */
final class ReadableKeys {

    /** A list index: {@code …_ROUTES_0_ID}. */
    static final String INDEX = "#";
    /** A map key: one or more segments ({@code …_NODESELECTOR_POOL} or a bracketed file key). */
    static final String MAP_KEY = "*";

    private final Set<List<String>> patterns = new LinkedHashSet<>();

    /** Adds a key given as segments: literal names (any case, dashes allowed), {@link #INDEX}, {@link #MAP_KEY}. */
    void add(List<String> segments) {
        List<String> canonical = new ArrayList<>();
        for (String segment : segments) {
            canonical.add(segment.equals(INDEX) || segment.equals(MAP_KEY) ? segment : canonical(segment));
        }
        patterns.add(List.copyOf(canonical));
    }

    /** Adds a dotted key with {@code [n]} list indexes, as it appears in application.yml. */
    void addDotted(String key) {
        add(dottedSegments(key));
    }

    Set<List<String>> patterns() {
        return patterns;
    }

    /** Whether the service reads the environment variable {@code name}. */
    boolean readsVariable(String name) {
        if (!name.equals(name.toUpperCase(Locale.ROOT)) || name.contains("-") || name.contains(".")) {
            // Spring maps only the upper-case underscore form (and its legacy dash form) to keys.
            return false;
        }
        return matchesAny(List.of(name.split("_", -1)));
    }

    /** Whether the service reads the key given as segments read from a YAML document (map keys opaque). */
    boolean readsKey(List<String> segments) {
        List<String> canonical = new ArrayList<>();
        for (String segment : segments) {
            canonical.add(canonical(segment));
        }
        return matchesAny(canonical);
    }

    private boolean matchesAny(List<String> segments) {
        for (List<String> pattern : patterns) {
            if (matches(pattern, 0, segments, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> pattern, int p, List<String> name, int n) {
        if (p == pattern.size()) {
            return n == name.size();
        }
        if (n == name.size()) {
            return false;
        }
        String expected = pattern.get(p);
        String actual = name.get(n);
        if (expected.equals(MAP_KEY)) {
            // A map key spans at least one segment; try every length.
            for (int end = n + 1; end <= name.size(); end++) {
                if (matches(pattern, p + 1, name, end)) {
                    return true;
                }
            }
            return false;
        }
        if (expected.equals(INDEX)) {
            return actual.matches("[0-9]+") && matches(pattern, p + 1, name, n + 1);
        }
        return expected.equals(actual) && matches(pattern, p + 1, name, n + 1);
    }

    static String canonical(String segment) {
        return segment.replace("-", "").toUpperCase(Locale.ROOT);
    }

    static List<String> dottedSegments(String key) {
        List<String> segments = new ArrayList<>();
        for (String part : key.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                segments.add(name);
            }
            while (bracket >= 0) {
                segments.add(INDEX);
                bracket = part.indexOf('[', bracket + 1);
            }
        }
        return segments;
    }
}
