package io.modomodo.api.problem;

import java.util.regex.Pattern;

/**
 * Recognises text that would show a caller the service's insides: qualified Java names
 * ({@code java.lang.Double}, {@code io.modomodo.…Controller}), exception class names, stack frames,
 * method signatures. Such text is replaced, never trimmed, so nothing of it reaches a response.
 */
final class Internals {

    private static final Pattern LEAK = Pattern.compile(String.join("|",
            // a qualified name: two or more lower-case package segments, then a type or member
            "\\b[a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*",
            // a bare exception or error class name
            "\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b",
            // a stack frame
            "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)",
            // Jackson's and Spring's references to their own API
            "`[A-Za-z]+\\.[a-zA-Z]+\\(\\)`", "\\bStreamReadConstraints\\b", "\\bResponseEntity<"));

    private Internals() {
    }

    /** Whether {@code text} names anything of the implementation. */
    static boolean leaks(String text) {
        return text != null && LEAK.matcher(text).find();
    }

    /** {@code text} when it is safe to show, else {@code replacement}. */
    static String scrub(String text, String replacement) {
        return leaks(text) ? replacement : text;
    }
}
