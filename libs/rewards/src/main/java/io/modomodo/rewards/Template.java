package io.modomodo.rewards;

import java.util.Optional;

/**
 * The response template that decides the format component. Checks scan the response a few times
 * with {@link String#indexOf}; nothing is allocated.
 */
public enum Template {

    /** Exactly one {@code <think>…</think>} block, optional whitespace, exactly one {@code <answer>…</answer>} block. */
    THINK_ANSWER("think-answer"),
    /** Exactly one {@code <answer>…</answer>} block. */
    ANSWER("answer"),
    /** No format requirement: format is always 1. */
    NONE("none");

    private static final String THINK_OPEN = "<think>";
    private static final String THINK_CLOSE = "</think>";
    private static final String ANSWER_OPEN = "<answer>";
    private static final String ANSWER_CLOSE = "</answer>";

    private final String id;

    Template(String id) {
        this.id = id;
    }

    /** The name used on the wire ({@code think-answer}, {@code answer}, {@code none}). */
    public String id() {
        return id;
    }

    /** The template with that wire name. */
    public static Optional<Template> fromId(String id) {
        for (Template template : values()) {
            if (template.id.equals(id)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    /** The format component of {@code response}: 1.0 when it follows this template, else 0.0. */
    public double format(String response) {
        return switch (this) {
            case NONE -> 1.0;
            case ANSWER -> answerOnly(response) ? 1.0 : 0.0;
            case THINK_ANSWER -> thinkThenAnswer(response) ? 1.0 : 0.0;
        };
    }

    private static boolean thinkThenAnswer(String s) {
        int start = skipWhitespace(s, 0);
        int end = trimEnd(s);
        if (!s.startsWith(THINK_OPEN, start)) {
            return false;
        }
        int thinkClose = s.indexOf(THINK_CLOSE, start + THINK_OPEN.length());
        if (thinkClose < 0) {
            return false;
        }
        int answerOpen = skipWhitespace(s, thinkClose + THINK_CLOSE.length());
        if (!s.startsWith(ANSWER_OPEN, answerOpen) || !endsWithAt(s, ANSWER_CLOSE, end)) {
            return false;
        }
        int answerClose = end - ANSWER_CLOSE.length();
        if (answerClose < answerOpen + ANSWER_OPEN.length()) {
            return false;
        }
        // Exactly one of each tag: none inside the think or answer contents.
        return once(s, THINK_OPEN, start) && once(s, THINK_CLOSE, thinkClose)
                && once(s, ANSWER_OPEN, answerOpen) && once(s, ANSWER_CLOSE, answerClose);
    }

    private static boolean answerOnly(String s) {
        int start = skipWhitespace(s, 0);
        int end = trimEnd(s);
        if (!s.startsWith(ANSWER_OPEN, start) || !endsWithAt(s, ANSWER_CLOSE, end)) {
            return false;
        }
        int answerClose = end - ANSWER_CLOSE.length();
        if (answerClose < start + ANSWER_OPEN.length()) {
            return false;
        }
        return once(s, ANSWER_OPEN, start) && once(s, ANSWER_CLOSE, answerClose)
                && s.indexOf(THINK_OPEN) < 0 && s.indexOf(THINK_CLOSE) < 0;
    }

    /** Whether {@code tag} occurs in {@code s} only at {@code at}. */
    private static boolean once(String s, String tag, int at) {
        return s.indexOf(tag) == at && s.indexOf(tag, at + 1) < 0;
    }

    private static boolean endsWithAt(String s, String suffix, int end) {
        int from = end - suffix.length();
        return from >= 0 && s.startsWith(suffix, from);
    }

    private static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
