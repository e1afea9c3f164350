package io.modomodo.rewards.math;

import io.modomodo.rewards.AnswerExtractor;

/**
 * A math answer: one expression, an ordered tuple {@code (a, b)}, a set {@code \{a, b\}}, or a bare
 * list {@code a, b} (compared as a tuple against a tuple, else as a set). An equation is read by its
 * right-hand side. A tuple written with a square bracket is an interval: {@code [1, 2)}, {@code (1, 2]},
 * {@code [1, 2]} and {@code (1, 2)} all differ, and {@code \infty} may be an end. Inputs longer than {@link #MAX_LENGTH} are refused before any parsing.
 */
public final class MathAnswer {

    /** Longest answer text considered, in chars: beyond it the answer is not read at all. */
    public static final int MAX_LENGTH = 1_000;
    private static final int MAX_ELEMENTS = 32;

    enum Kind { SINGLE, TUPLE, SET, LIST }

    private final Kind kind;
    private final MathExpression[] elements;
    private final String text;
    /** The brackets of a tuple, e.g. "[)" for the interval [1, 2); empty for other kinds. */
    private final String brackets;

    private MathAnswer(Kind kind, MathExpression[] elements, String text, String brackets) {
        this.kind = kind;
        this.elements = elements;
        this.text = text;
        this.brackets = brackets;
    }

    /** The cleaned text that was parsed (the right-hand side for an equation). */
    public String text() {
        return text;
    }

    /** Whether every element has a finite value: a gold answer must. */
    public boolean hasValue() {
        for (MathExpression e : elements) {
            if (!e.hasValue()) {
                return false;
            }
        }
        return true;
    }

    /** Reads a math answer; null when it cannot be read. Never throws, time bounded by {@link #MAX_LENGTH}. */
    public static MathAnswer parse(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH * 2) {
            return null;
        }
        String boxed = AnswerExtractor.lastBoxed(raw);
        String s = MathText.clean(boxed != null ? boxed : raw);
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return null;
        }
        s = plusMinus(s);
        int from = 0;
        int to = s.length();
        Kind kind = Kind.SINGLE;
        char first = s.charAt(0);
        char last = s.charAt(to - 1);
        boolean wrapped = closingOf(s, 0) == to - 1;
        if (wrapped && first == '{' && hasTopLevelComma(s, 1, to - 1)) {
            kind = Kind.SET;
            from = 1;
            to--;
        }
        else if (wrapped && (first == '(' || first == '[') && (last == ')' || last == ']')
                && hasTopLevelComma(s, 1, to - 1)) {
            kind = Kind.TUPLE;
            from = 1;
            to--;
        }
        else if (hasTopLevelComma(s, 0, to)) {
            kind = Kind.LIST;
        }
        MathExpression[] parts = new MathExpression[MAX_ELEMENTS];
        int count = 0;
        int start = from;
        int depth = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            else if (c == ',' && (depth == 0 || i == to)) {
                if (depth != 0 || count == MAX_ELEMENTS) {
                    return null; // unbalanced brackets, or too many elements
                }
                MathExpression e = MathExpression.parse(s, start, i);
                if (e == null) {
                    return null;
                }
                parts[count++] = e;
                start = i + 1;
            }
        }
        if (count == 0) {
            return null;
        }
        MathExpression[] elements = new MathExpression[count];
        System.arraycopy(parts, 0, elements, 0, count);
        String brackets = kind == Kind.TUPLE ? "" + first + last : "";
        return new MathAnswer(kind, elements, s, brackets);
    }

    /** {@code 1 \pm \sqrt{2}} names two values: the list {@code 1 + \sqrt{2}, 1 - \sqrt{2}} (one ± only). */
    private static String plusMinus(String s) {
        int at = s.indexOf("\\pm");
        if (at < 0 || s.indexOf("\\pm", at + 1) >= 0 || s.indexOf(',') >= 0
                || (at + 3 < s.length() && Character.isLetter(s.charAt(at + 3)))) {
            return s;
        }
        String head = s.substring(0, at);
        String tail = s.substring(at + 3);
        return head + "+" + tail + "," + head + "-" + tail;
    }

    /** Equivalence with a gold answer: tuples ordered, sets unordered, numbers within tolerance. */
    public boolean equivalentTo(MathAnswer gold, double absTol, double relTol) {
        if (elements.length != gold.elements.length) {
            return false;
        }
        boolean single = kind == Kind.SINGLE || gold.kind == Kind.SINGLE;
        if (single && kind != gold.kind) {
            return false;
        }
        boolean ordered = kind == Kind.TUPLE || gold.kind == Kind.TUPLE || single;
        if ((kind == Kind.TUPLE && gold.kind == Kind.SET) || (kind == Kind.SET && gold.kind == Kind.TUPLE)) {
            return false;
        }
        if (kind == Kind.TUPLE && gold.kind == Kind.TUPLE && !brackets.equals(gold.brackets)
                && (isInterval(brackets) || isInterval(gold.brackets))) {
            return false; // [1, 2) is not (1, 2): an interval's ends are part of the answer
        }
        if (ordered) {
            for (int i = 0; i < elements.length; i++) {
                if (!elements[i].equalTo(gold.elements[i], absTol, relTol)) {
                    return false;
                }
            }
            return true;
        }
        boolean[] used = new boolean[elements.length];
        for (MathExpression g : gold.elements) {
            boolean matched = false;
            for (int i = 0; i < elements.length && !matched; i++) {
                if (!used[i] && elements[i].equalTo(g, absTol, relTol)) {
                    used[i] = true;
                    matched = true;
                }
            }
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInterval(String brackets) {
        return brackets.indexOf('[') >= 0 || brackets.indexOf(']') >= 0;
    }

    private static int closingOf(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Whether s[from, to) has a comma outside every bracket: a list, not one value. */
    static boolean hasTopLevelComma(String s, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            else if (c == ',' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
