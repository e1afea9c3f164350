package io.modomodo.rewards.math;

import java.util.Locale;

import io.modomodo.rewards.AnswerExtractor;

/**
 * Cleans a LaTeX or plain answer for the parser: drops delimiters, sizing and spacing commands,
 * degree and percent marks and trailing units in {@code \text{}}, normalises operators, keeps the
 * right-hand side of the last top-level {@code =}, and removes thousands separators from a plain number.
 */
final class MathText {

    private static final String[] DROPPED = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
        "Bigr", "displaystyle", "textstyle", "quad", "qquad", "degree", "limits"};
    private static final String[] TEXT_WRAPPERS = {"text", "textbf", "textit", "textrm", "mathrm", "mathbf", "mbox",
        "mathit", "boxed", "operatorname"};

    private static final String VULGAR_CHARS = "½¼¾⅓⅔⅛⅜⅝⅞";
    private static final String[] VULGAR = {"(1/2)", "(1/4)", "(3/4)", "(1/3)", "(2/3)", "(1/8)", "(3/8)", "(5/8)",
        "(7/8)"};
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private MathText() {
    }

    /** A run of superscript digits ({@code x²}, {@code 10⁻³}) as {@code ^{…}}; returns the index of its last char. */
    private static int superscript(String raw, int i, StringBuilder out) {
        out.append("^{");
        int j = i;
        for (; j < raw.length(); j++) {
            char c = raw.charAt(j);
            int digit = SUPERSCRIPTS.indexOf(c);
            if (digit >= 0) {
                out.append((char) ('0' + digit));
            }
            else if (c == '⁻' && j == i) {
                out.append('-');
            }
            else {
                break;
            }
        }
        out.append('}');
        return j - 1;
    }

    /** The cleaned text, or null when it is too long to be an answer. */
    static String clean(String raw) {
        if (raw.length() > 2 * MathAnswer.MAX_LENGTH) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '$', '°', '%', '\n', '\t', '\r', '~' -> {
                    if (c != '$' && c != '°' && c != '%') {
                        out.append(' ');
                    }
                }
                case '−', '–' -> out.append('-');
                case '≈' -> out.append('≈');
                case '±' -> out.append("\\pm ");
                case '√' -> {
                    // plain-text root: √12 is √(12), unlike LaTeX's \sqrt12
                    int j = i + 1;
                    while (j < n && j - i <= 20 && Character.isDigit(raw.charAt(j))) {
                        j++;
                    }
                    if (j > i + 1) {
                        out.append("\\sqrt{").append(raw, i + 1, j).append('}');
                        i = j - 1;
                    }
                    else {
                        out.append("\\sqrt");
                    }
                }
                case '×', '·', '⋅' -> out.append('*');
                case '÷' -> out.append('/');
                case '^' -> {
                    int degree = degreeMarkEnd(raw, i + 1);
                    if (degree > 0) {
                        i = degree - 1;
                    }
                    else {
                        out.append('^');
                    }
                }
                case '²', '³', '¹', '⁰', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁻' -> i = superscript(raw, i, out);
                case '½', '¼', '¾', '⅓', '⅔', '⅛', '⅜', '⅝', '⅞' -> {
                    int last = out.length() - 1;
                    if (last >= 0 && Character.isDigit(out.charAt(last))) {
                        out.append(c); // 1½ is a mixed number, not 1·½: not read (accuracy 0)
                    }
                    else {
                        out.append(VULGAR[VULGAR_CHARS.indexOf(c)]);
                    }
                }
                case '\\' -> i = command(raw, i, out);
                case '{' -> {
                    // 1{,}000: LaTeX's braced comma is a plain comma (read as a separator below)
                    if (raw.startsWith(",}", i + 1)) {
                        out.append(',');
                        i += 2;
                    }
                    else {
                        out.append('{');
                    }
                }
                default -> out.append(c);
            }
        }
        String s = orAsComma(afterAnswerPhrase(strip(out)));
        s = rightHandSides(s);
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return withoutThousandsSeparators(s);
    }

    /**
     * The right-hand side of the last top-level {@code =}; for a list ({@code x = 1, y = 2}) that of
     * each element, so every value is kept.
     */
    private static String rightHandSides(String s) {
        int equals = lastTopLevelEquals(s, 0, s.length());
        if (equals < 0) {
            return s;
        }
        if (!MathAnswer.hasTopLevelComma(s, 0, s.length())) {
            return value(s, 0, s.length(), equals).strip();
        }
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            else if (c == ',' && (depth == 0 || i == s.length())) {
                int e = lastTopLevelEquals(s, start, i);
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(e < 0 ? s.substring(start, i) : value(s, start, i, e));
                start = i + 1;
            }
        }
        return out.toString().strip();
    }

    /** "x = 1 or x = 2", "1 and 2": the words join a list of answers, so they read as commas. */
    private static String orAsComma(String s) {
        if (s.indexOf(" or ") < 0 && s.indexOf(" and ") < 0) {
            return s;
        }
        return s.replace(" or ", ",").replace(" and ", ",");
    }

    /** After a dropped unit, the index past its power ({@code \text{ m}^2}, {@code ^{-3}}), else {@code i}. */
    private static int unitPowerEnd(String raw, int i) {
        if (i >= raw.length() || raw.charAt(i) != '^') {
            return i;
        }
        int p = i + 1;
        if (p < raw.length() && raw.charAt(p) == '{') {
            int close = AnswerExtractor.matchingBrace(raw, p);
            return close < 0 || close - p > 8 ? i : close + 1;
        }
        if (p < raw.length() && raw.charAt(p) == '-') {
            p++;
        }
        int q = p;
        while (q < raw.length() && Character.isDigit(raw.charAt(q))) {
            q++;
        }
        return q > p ? q : i;
    }

    /** Handles the command at {@code i}; returns the index of its last consumed char. */
    private static int command(String raw, int i, StringBuilder out) {
        int n = raw.length();
        if (i + 1 >= n) {
            return i;
        }
        char next = raw.charAt(i + 1);
        if (!Character.isLetter(next)) {
            switch (next) {
                case '{' -> out.append('{');
                case '}' -> out.append('}');
                case ',', ';', ':', '!', ' ', '(', ')', '[', ']', '%', '$' -> {
                }
                default -> out.append('\\').append(next);
            }
            return i + 1;
        }
        int j = i + 1;
        while (j < n && Character.isLetter(raw.charAt(j))) {
            j++;
        }
        String name = raw.substring(i + 1, j);
        for (String dropped : DROPPED) {
            if (dropped.equals(name)) {
                return j - 1;
            }
        }
        if ("overline".equals(name) && j < n && raw.charAt(j) == '{') {
            int close = AnswerExtractor.matchingBrace(raw, j);
            int point = out.lastIndexOf(".");
            if (close > j + 1 && close - j <= 12 && isDigits(raw, j + 1, close) && point >= 0
                    && point > 0 && Character.isDigit(out.charAt(point - 1)) && isDigits(out, point + 1, out.length())) {
                // 0.\overline{3}, 0.1\overline{6}: the repeating digits, enough of them for double precision
                String period = raw.substring(j + 1, close);
                while (out.length() - point < 20) {
                    out.append(period);
                }
                return close;
            }
        }
        if ("in".equals(name)) {
            out.append('='); // x \in [1, 2): the set or interval is the answer
            return j - 1;
        }
        if ("approx".equals(name)) {
            out.append('≈');
            return j - 1;
        }
        if ("dfrac".equals(name) || "tfrac".equals(name) || "cfrac".equals(name)) {
            out.append("\\frac");
            return j - 1;
        }
        for (String wrapper : TEXT_WRAPPERS) {
            if (wrapper.equals(name) && j < n && raw.charAt(j) == '{') {
                int close = AnswerExtractor.matchingBrace(raw, j);
                if (close < 0) {
                    out.append('\\').append(name);
                    return j - 1;
                }
                String content = raw.substring(j + 1, close);
                String word = content.strip();
                if (word.equalsIgnoreCase("or") || word.equalsIgnoreCase("and")) {
                    out.append(" or "); // "1 \text{ or } 2" names two answers, never a product
                    return close;
                }
                boolean unit = isWords(content) && !strip(out).isEmpty() && !"boxed".equals(name);
                if (!unit) {
                    String inner = clean(content);
                    if (inner == null) {
                        return n;
                    }
                    out.append(inner);
                    return close;
                }
                return unitPowerEnd(raw, close + 1) - 1;
            }
        }
        out.append('\\').append(name);
        return j - 1;
    }

    /** "The answer is 5" → "5": models often state the result in a sentence. */
    private static String afterAnswerPhrase(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        int is = lower.lastIndexOf("answer is");
        int colon = lower.lastIndexOf("answer:");
        if (is < 0 && colon < 0) {
            return s;
        }
        int from = is > colon ? is + "answer is".length() : colon + "answer:".length();
        return s.substring(from).strip();
    }

    /** After {@code ^}: {@code \circ} or {@code {\circ}} is a degree mark; returns the index after it, else -1. */
    private static int degreeMarkEnd(String s, int i) {
        if (s.startsWith("\\circ", i)) {
            return i + 5;
        }
        if (s.startsWith("{\\circ}", i)) {
            return i + 7;
        }
        return -1;
    }

    private static boolean isDigits(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isWords(String content) {
        boolean letter = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            }
            else if (c != ' ' && c != '.' && c != '\\') {
                return false;
            }
        }
        return letter;
    }

    /**
     * The value an equation in {@code s[from, to)} states, given its last relation at {@code last}: the
     * right side, except that after {@code ≈} the exact form before it wins ({@code = \frac{\pi}{2} ≈ 1.57}).
     */
    private static String value(String s, int from, int to, int last) {
        if (s.charAt(last) == '≈') {
            int previous = lastTopLevelEquals(s, from, last);
            if (previous >= 0) {
                return s.substring(previous + 1, last);
            }
        }
        return s.substring(last + 1, to);
    }

    /** The last top-level {@code =} or {@code ≈} in {@code s[from, to)}, or -1. */
    private static int lastTopLevelEquals(String s, int from, int to) {
        int depth = 0;
        int found = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            else if ((c == '=' || c == '≈') && depth == 0) {
                found = i;
            }
        }
        return found;
    }

    /** {@code 1,234,567.5} or {@code 1 234 567.5} → {@code 1234567.5}; anything else unchanged. */
    private static String withoutThousandsSeparators(String s) {
        int n = s.length();
        int i = s.startsWith("-") ? 1 : 0;
        int group = 0;
        boolean separator = false;
        char kind = ',';
        int digitsStart = i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                group++;
            }
            else if ((c == ',' || c == ' ') && (!separator || c == kind)) {
                if ((separator && group != 3) || (!separator && (group == 0 || group > 3))) {
                    return s;
                }
                separator = true;
                kind = c;
                group = 0;
            }
            else {
                break;
            }
        }
        if (!separator || group != 3) {
            return s;
        }
        if (i < n && s.charAt(i) != '.') {
            return s;
        }
        for (int k = i + 1; k < n; k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return s;
            }
        }
        return s.substring(0, digitsStart) + s.substring(digitsStart).replace(String.valueOf(kind), "");
    }

    private static String strip(CharSequence s) {
        return s.toString().strip();
    }
}
