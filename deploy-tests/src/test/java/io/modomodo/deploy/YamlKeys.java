package io.modomodo.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The keys of a Spring configuration YAML document, as segments: map keys as written, list items as indexes. */
final class YamlKeys {

    private YamlKeys() {
    }

    /** Adds every leaf key of {@code document} to {@code keys}, a list element as {@link ReadableKeys#INDEX}. */
    static void collect(Map<?, ?> document, ReadableKeys keys) {
        for (List<String> leaf : leaves(document)) {
            List<String> segments = new ArrayList<>();
            for (String segment : leaf) {
                // A dotted key written flat in YAML ("a.b: 1") is two segments to Spring.
                if (segment.matches("[0-9]+")) {
                    segments.add(ReadableKeys.INDEX);
                }
                else if (segment.startsWith("[")) {
                    segments.add(ReadableKeys.MAP_KEY);
                }
                else {
                    segments.add(segment);
                }
            }
            keys.add(segments);
        }
    }

    /** Every leaf key of {@code document}: map keys as written (a bracketed key stays one segment), indexes as numbers. */
    static List<List<String>> leaves(Map<?, ?> document) {
        List<List<String>> leaves = new ArrayList<>();
        walk(new ArrayList<>(), document, leaves);
        return leaves;
    }

    private static void walk(List<String> path, Object node, List<List<String>> leaves) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                List<String> child = new ArrayList<>(path);
                if (key.startsWith("[") && key.endsWith("]")) {
                    child.add(key);
                }
                else {
                    child.addAll(List.of(key.split("\\.")));
                }
                walk(child, entry.getValue(), leaves);
            }
        }
        else if (node instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                List<String> child = new ArrayList<>(path);
                child.add(Integer.toString(i));
                walk(child, list.get(i), leaves);
            }
        }
        else {
            leaves.add(path);
        }
    }
}
