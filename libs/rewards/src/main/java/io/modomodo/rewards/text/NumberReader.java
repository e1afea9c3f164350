package io.modomodo.rewards.text;

import java.math.BigDecimal;

/**
 * Reads the one number a short answer states. Accepts integers, decimals, signs (also U+2212),
 * thousands separators ({@code 1,000}, {@code 1 000}, {@code 1\,000}, {@code 1{,}000}), fractions
 * {@code a/b}, {@code \frac{a}{b}}, {@code \dfrac}, {@code \tfrac}, scientific notation ({@code 1.5e3},
 * {@code 1.5 \times 10^{3}}, {@code 10^3}), percent and degree marks, currency signs, trailing units or
 * words, {@code x = 12} (the right side of the last {@code =}), {@code \boxed{}}, mixed numbers
 * ({@code 2\frac{1}{2}}, {@code 2 1/2}), scale words ({@code 1.5 million}) and number words zero to
 * twenty (when no digit is written; {@code four hundred} and {@code three-quarters} are unreadable).
 * Powers of units ({@code cm^2}) are not numbers. A text with two different numbers, or with none, is unreadable
 * and reads as {@link Double#NaN}. One pass, linear in the input, no regular expressions.
 */
public final class NumberReader {

    private static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty"};

    /** Scale words after a written number: "1.5 million". */
    private static final String[] SCALE_WORDS = {"hundred", "thousand", "million", "billion", "trillion"};
    private static final double[] SCALES = {1e2, 1e3, 1e6, 1e9, 1e12};

    /** Words that make a number word a fraction: "three quarters", "two-thirds". */
    private static final String[] FRACTION_WORDS = {"half", "halves", "third", "thirds", "quarter", "quarters",
        "fourth", "fourths", "fifth", "fifths", "sixth", "sixths", "eighth", "eighths", "tenth", "tenths"};

    /** Commands whose presence means the text is an expression, not a number. */
    private static final String[] EXPRESSION_COMMANDS = {"sqrt", "pi", "log", "ln", "sin", "cos", "tan", "exp",
        "int", "sum", "infty", "pm", "mp"};

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private NumberReader() {
    }

    /** The number {@code s} states, or NaN when it states none, several different ones, or an expression. */
    public static double read(CharSequence s) {
        return read(s, 0, s.length());
    }

    /** As {@link #read(CharSequence)} on {@code s[from, to)}. */
    public static double read(CharSequence s, int from, int to) {
        return read(s, from, to, 0, true);
    }

    /**
     * As {@link #read(CharSequence)} but with scale words read as units ({@code 1.5 million} → 1.5), for
     * golds and answers that state a number in the unit of a chart or table; NaN likewise.
     */
    public static double readIgnoringScale(CharSequence s) {
        return read(s, 0, s.length(), 0, false);
    }

    /** Whether {@code s} may contain a scale word (cheap pre-check for {@link #readIgnoringScale}). */
    public static boolean mayHaveScaleWord(String s) {
        return s.indexOf("illion") >= 0 || s.indexOf("undred") >= 0 || s.indexOf("housand") >= 0;
    }

    /** Nested fractions recurse; beyond this depth the text is not a plain number. */
    private static final int MAX_DEPTH = 4;

    private static double read(CharSequence s, int from, int to, int depth, boolean scales) {
        if (depth > MAX_DEPTH) {
            return Double.NaN;
        }
        to = exactBeforeApprox(s, from, to);
        int start = rightOfLastEquals(s, from, to);
        Cursor cur = new Cursor();
        double found = Double.NaN;
        boolean any = false;
        int i = start;
        while (i < to) {
            char c = s.charAt(i);
            double value;
            if (isDigit(c) || (c == '.' && i + 1 < to && isDigit(s.charAt(i + 1)))) {
                if (i > start && isLetter(s.charAt(i - 1))) {
                    // part of a name (x2, H2O, x.5): skip it, always moving on by at least one char
                    i = Math.max(i + 1, skipAlnum(s, i, to));
                    continue;
                }
                if (isUnitExponent(s, start, i)) {
                    // cm^2, \text{m}^{3}: the power of a unit or name, not a second number
                    i = Math.max(i + 1, skipAlnum(s, i, to));
                    continue;
                }
                if (!number(s, i, to, cur, false)) {
                    return Double.NaN;
                }
                double read = cur.value;
                int end = cur.pos;
                if (isPlainInteger(s, i, end)) {
                    double fraction = mixedFraction(s, end, to, cur, depth);
                    if (!Double.isNaN(fraction)) {
                        read += fraction;
                        end = cur.pos;
                    }
                }
                int scale = scaleWord(s, end, to);
                if (scale >= 0 && scales) {
                    // "1.5 million": the word is part of the number
                    read *= SCALES[scale];
                    end = skipSpaces(s, end, to) + SCALE_WORDS[scale].length();
                }
                value = signed(s, start, i, read);
                i = end;
            }
            else if (c >= '¼' && vulgar(c) > 0) {
                value = signed(s, start, i, vulgar(c)); // "½" alone; "1½" is read as a mixed number
                i++;
            }
            else if (c == '\\') {
                int j = i + 1;
                while (j < to && isAsciiLetter(s.charAt(j))) {
                    j++;
                }
                if (isFrac(s, i + 1, j)) {
                    if (!fraction(s, j, to, cur, depth)) {
                        return Double.NaN;
                    }
                    value = signed(s, start, i, cur.value);
                    i = cur.pos;
                }
                else if (isOneOf(s, i + 1, j, EXPRESSION_COMMANDS)) {
                    return Double.NaN;
                }
                else {
                    i = Math.max(j, i + 2);
                    continue;
                }
            }
            else {
                i++;
                continue;
            }
            if (!Double.isFinite(value)) {
                return Double.NaN;
            }
            if (!any) {
                found = value;
                any = true;
            }
            else if (!same(found, value)) {
                return Double.NaN;
            }
        }
        return any ? found : word(s, start, to);
    }

    /** Formats a read number canonically: {@code 4}, {@code 0.75}, {@code -1200.5}, {@code 1.5E-12}. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double abs = Math.abs(v);
        if (abs >= 1e-6 && abs < 1e15) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    /** Whether two read numbers are the same number (up to the last bits of double rounding). */
    static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
    }

    private static final class Cursor {
        int pos;
        double value;
    }

    /** Start of the text after the last {@code =}, {@code ≈} or {@code \approx} in [from, to). */
    private static int rightOfLastEquals(CharSequence s, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            char c = s.charAt(i);
            if (c == '=' || c == '≈') {
                return joinedEquations(s, from, i) ? from : i + 1;
            }
            if (c == 'x' && i >= from + 6 && s.charAt(i - 6) == '\\' && regionEquals(s, i - 5, "approx")) {
                return joinedEquations(s, from, i - 6) ? from : i + 1;
            }
        }
        return from;
    }

    /**
     * The end of the text to read: before a last {@code ≈} / {@code \approx} that follows an {@code =}
     * ("= 1/3 ≈ 0.333": the exact value is the answer), else {@code to}.
     */
    private static int exactBeforeApprox(CharSequence s, int from, int to) {
        int approx = -1;
        for (int i = to - 1; i >= from; i--) {
            char c = s.charAt(i);
            if (c == '=') {
                return approx >= 0 ? approx : to;
            }
            if (approx < 0 && c == '≈') {
                approx = i;
            }
            else if (approx < 0 && c == 'x' && i >= from + 6 && s.charAt(i - 6) == '\\' && regionEquals(s, i - 5, "approx")) {
                approx = i - 6;
                i -= 6;
            }
        }
        return to;
    }

    /**
     * Whether the text before the last equation sign at {@code last} is an equation joined to it by
     * "or"/"and" ("x = 1 or x = 2"): then every value counts, not only the last.
     */
    private static boolean joinedEquations(CharSequence s, int from, int last) {
        int i = last - 1;
        while (i >= from && s.charAt(i) != '=' && s.charAt(i) != '≈') {
            i--;
        }
        if (i < from) {
            return false;
        }
        for (int k = i + 1; k + 3 < last; k++) {
            if (s.charAt(k) == ' ' && ((regionEquals(s, k + 1, "or") && s.charAt(k + 3) == ' ')
                    || (k + 4 < last && regionEquals(s, k + 1, "and") && s.charAt(k + 4) == ' '))) {
                return true;
            }
        }
        return false;
    }

    /** Applies a sign written just before the number at {@code at} (optionally before a currency sign). */
    private static double signed(CharSequence s, int start, int at, double value) {
        int k = at - 1;
        if (k >= start && isCurrency(s.charAt(k))) {
            k--;
            if (k >= start && s.charAt(k) == '\\') {
                k--;
            }
        }
        if (k > start && s.charAt(k) == ' ' && isSign(s.charAt(k - 1))) {
            k--; // "- 4": one space between sign and number
        }
        if (k >= start) {
            char sign = s.charAt(k);
            if (isSign(sign)) {
                boolean binary = k > start && isBinaryOperandEnd(s.charAt(k - 1));
                if (!binary) {
                    // "5 - 4" is a difference; "are -4" and "x - 4" keep the sign as before
                    int before = k - 1;
                    while (before >= start && s.charAt(before) == ' ') {
                        before--;
                    }
                    binary = before >= start && before < k - 1 && (isDigit(s.charAt(before))
                            || s.charAt(before) == ')' || s.charAt(before) == '}' || s.charAt(before) == ']');
                }
                if (!binary) {
                    return sign == '+' ? value : -value;
                }
            }
        }
        return value;
    }

    private static boolean isSign(char c) {
        return c == '-' || c == '−' || c == '+';
    }

    private static boolean isBinaryOperandEnd(char c) {
        return isDigit(c) || isLetter(c) || c == ')' || c == '}' || c == ']';
    }

    /**
     * Reads an unsigned number at {@code i}: digits with separators, decimals, exponent, then an
     * optional {@code /b}, {@code × 10^n} or {@code ^n}. Returns false when the text after it makes the
     * reading meaningless (division by zero).
     */
    private static boolean number(CharSequence s, int i, int to, Cursor cur, boolean denominator) {
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        int p = i;
        // integer part with optional thousands separators
        int groupStart = p;
        while (p < to && isDigit(s.charAt(p))) {
            if (digits < 18) {
                mantissa = mantissa * 10 + (s.charAt(p) - '0');
                if (mantissa != 0) {
                    digits++;
                }
            }
            else {
                exponent++;
            }
            p++;
        }
        if (p - groupStart >= 1 && p - groupStart <= 3) {
            int sepKind = 0;
            while (true) {
                int sepEnd = separatorEnd(s, p, to);
                if (sepEnd < 0 || !threeDigitGroup(s, sepEnd, to)) {
                    break;
                }
                int kind = s.charAt(p) == ' ' ? 1 : (s.charAt(p) == ',' ? 2 : 3 + (sepEnd - p));
                if (sepKind != 0 && kind != sepKind) {
                    break;
                }
                sepKind = kind;
                for (int q = sepEnd; q < sepEnd + 3; q++) {
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (s.charAt(q) - '0');
                        if (mantissa != 0) {
                            digits++;
                        }
                    }
                    else {
                        exponent++;
                    }
                }
                p = sepEnd + 3;
            }
        }
        boolean integer = true;
        if (p + 1 < to && s.charAt(p) == '.' && isDigit(s.charAt(p + 1))) {
            integer = false;
            p++;
            while (p < to && isDigit(s.charAt(p))) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (s.charAt(p) - '0');
                    exponent--;
                    if (mantissa != 0) {
                        digits++;
                    }
                }
                p++;
            }
        }
        // e-notation directly after the digits: 1.5e3, 2E-7
        if (p < to && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            int q = p + 1;
            boolean negative = false;
            if (q < to && (s.charAt(q) == '-' || s.charAt(q) == '+' || s.charAt(q) == '−')) {
                negative = s.charAt(q) != '+';
                q++;
            }
            if (q < to && isDigit(s.charAt(q))) {
                int e = 0;
                while (q < to && isDigit(s.charAt(q))) {
                    e = Math.min(e * 10 + (s.charAt(q) - '0'), 100_000);
                    q++;
                }
                if (q >= to || !isLetter(s.charAt(q))) {
                    exponent += negative ? -e : e;
                    p = q;
                    integer = false;
                }
            }
        }
        double value = toDouble(mantissa, exponent);
        if (denominator) {
            cur.value = value;
            cur.pos = p;
            return true;
        }
        boolean plainTen = integer && mantissa == 10 && exponent == 0;

        // a × 10^n (also \times, \cdot, *)
        int q = skipSpaces(s, p, to);
        int afterTimes = timesEnd(s, q, to);
        if (afterTimes > 0) {
            int t = skipSpaces(s, afterTimes, to);
            if (t + 2 < to && s.charAt(t) == '1' && s.charAt(t + 1) == '0' && s.charAt(t + 2) == '^') {
                if (power(s, t + 3, to, cur)) {
                    value = value * Math.pow(10, cur.value);
                    p = cur.pos;
                    q = skipSpaces(s, p, to);
                }
            }
            else if (t + 2 < to && s.charAt(t) == '1' && s.charAt(t + 1) == '0' && superscript(s, t + 2, to, cur)) {
                value = value * Math.pow(10, cur.value); // 1.5 × 10⁶
                p = cur.pos;
                q = skipSpaces(s, p, to);
            }
        }
        // base^n: 10^3, 2^{10}; ^\circ is a degree mark
        if (q < to && s.charAt(q) == '^' && q == p) {
            if (power(s, q + 1, to, cur)) {
                value = plainTen ? Math.pow(10, cur.value) : Math.pow(value, cur.value);
                p = cur.pos;
            }
        }
        else if (q == p && superscript(s, p, to, cur)) {
            value = plainTen ? Math.pow(10, cur.value) : Math.pow(value, cur.value); // 10³, 2¹⁰
            p = cur.pos;
        }
        // a/b
        q = skipSpaces(s, p, to);
        if (q < to && s.charAt(q) == '/') {
            int d = skipSpaces(s, q + 1, to);
            if (d < to && isDigit(s.charAt(d))) {
                if (!number(s, d, to, cur, true)) {
                    return false;
                }
                if (cur.value == 0) {
                    return false;
                }
                value = value / cur.value;
                p = cur.pos;
            }
        }
        cur.value = value;
        cur.pos = p;
        return true;
    }

    /** Reads an exponent after {@code ^}: {@code 3}, {@code -3}, {@code {3}}, {@code {-3}}. Degree marks are not exponents. */
    private static boolean power(CharSequence s, int i, int to, Cursor cur) {
        boolean braced = i < to && s.charAt(i) == '{';
        int p = braced ? skipSpaces(s, i + 1, to) : i;
        boolean negative = false;
        if (p < to && (s.charAt(p) == '-' || s.charAt(p) == '−' || s.charAt(p) == '+')) {
            negative = s.charAt(p) != '+';
            p++;
        }
        if (p >= to || !isDigit(s.charAt(p))) {
            return false;
        }
        int e = 0;
        while (p < to && isDigit(s.charAt(p))) {
            e = Math.min(e * 10 + (s.charAt(p) - '0'), 100_000);
            p++;
        }
        if (braced) {
            p = skipSpaces(s, p, to);
            if (p >= to || s.charAt(p) != '}') {
                return false;
            }
            p++;
        }
        cur.value = negative ? -e : e;
        cur.pos = p;
        return true;
    }

    /** Whether the digits at {@code i} are the exponent of something that is not a number: {@code cm^2}, {@code m^{-3}}. */
    /** The value of a Unicode vulgar fraction ({@code ½}, {@code ¾}, {@code ⅜}, …), or 0 for any other char. */
    static double vulgar(char c) {
        return switch (c) {
            case '½' -> 0.5;
            case '¼' -> 0.25;
            case '¾' -> 0.75;
            case '⅓' -> 1.0 / 3;
            case '⅔' -> 2.0 / 3;
            case '⅕' -> 0.2;
            case '⅖' -> 0.4;
            case '⅗' -> 0.6;
            case '⅘' -> 0.8;
            case '⅙' -> 1.0 / 6;
            case '⅚' -> 5.0 / 6;
            case '⅛' -> 0.125;
            case '⅜' -> 0.375;
            case '⅝' -> 0.625;
            case '⅞' -> 0.875;
            default -> 0;
        };
    }

    /** Digits written as superscripts ({@code ²}, {@code ⁻³}) at {@code i}: the exponent into {@code cur}, or false. */
    private static boolean superscript(CharSequence s, int i, int to, Cursor cur) {
        int p = i;
        boolean negative = p < to && s.charAt(p) == '⁻';
        if (negative) {
            p++;
        }
        int e = 0;
        int digits = 0;
        while (p < to && superscriptDigit(s.charAt(p)) >= 0) {
            e = Math.min(e * 10 + superscriptDigit(s.charAt(p)), 100_000);
            p++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        cur.value = negative ? -e : e;
        cur.pos = p;
        return true;
    }

    private static int superscriptDigit(char c) {
        return switch (c) {
            case '⁰' -> 0;
            case '¹' -> 1;
            case '²' -> 2;
            case '³' -> 3;
            case '⁴', '⁵', '⁶', '⁷', '⁸', '⁹' -> c - '⁰';
            default -> -1;
        };
    }

    private static boolean isUnitExponent(CharSequence s, int start, int i) {
        int k = i - 1;
        if (k >= start && (s.charAt(k) == '-' || s.charAt(k) == '−')) {
            k--;
        }
        if (k >= start && s.charAt(k) == '{') {
            k--;
        }
        return k >= start && s.charAt(k) == '^';
    }

    private static boolean isPlainInteger(CharSequence s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return to > from;
    }

    /**
     * The proper fraction of a mixed number after its integer part ending at {@code p}: {@code 2\frac{1}{2}},
     * {@code 2 \tfrac12}, {@code 2 1/2}; NaN when none follows. On success {@code cur.pos} is after it.
     */
    private static double mixedFraction(CharSequence s, int p, int to, Cursor cur, int depth) {
        int q = skipSpaces(s, p, to);
        if (q < to && q <= p + 1 && vulgar(s.charAt(q)) > 0) {
            cur.pos = q + 1;
            return vulgar(s.charAt(q));
        }
        if (q < to && s.charAt(q) == '\\') {
            int j = q + 1;
            while (j < to && isAsciiLetter(s.charAt(j))) {
                j++;
            }
            if (isFrac(s, q + 1, j) && fraction(s, j, to, cur, depth) && cur.value > 0 && cur.value < 1) {
                return cur.value;
            }
            return Double.NaN;
        }
        // "2 1/2": one space, then integer/integer with the numerator below the denominator
        if (q != p + 1 || q >= to || !isDigit(s.charAt(q))) {
            return Double.NaN;
        }
        int slash = q;
        while (slash < to && isDigit(s.charAt(slash))) {
            slash++;
        }
        int d = slash + 1;
        int e = d;
        while (e < to && isDigit(s.charAt(e))) {
            e++;
        }
        if (slash >= to || s.charAt(slash) != '/' || e == d || e - q > 12 || (e < to && s.charAt(e) == '.')) {
            return Double.NaN;
        }
        long numerator = Long.parseLong(s.subSequence(q, slash).toString());
        long denominator = Long.parseLong(s.subSequence(d, e).toString());
        if (numerator == 0 || numerator >= denominator) {
            return Double.NaN;
        }
        cur.pos = e;
        return (double) numerator / denominator;
    }

    /** Reads {@code {a}{b}} (or {@code 12} for {@code \frac12}) after a {@code \frac} command ending at {@code i}. */
    private static boolean fraction(CharSequence s, int i, int to, Cursor cur, int depth) {
        int p = skipSpaces(s, i, to);
        if (p + 1 < to && isDigit(s.charAt(p)) && isDigit(s.charAt(p + 1))) {
            int b = s.charAt(p + 1) - '0';
            if (b == 0) {
                return false;
            }
            cur.value = (double) (s.charAt(p) - '0') / b;
            cur.pos = p + 2;
            return true;
        }
        if (p >= to || s.charAt(p) != '{') {
            return false;
        }
        int numeratorEnd = matching(s, p, to);
        if (numeratorEnd < 0) {
            return false;
        }
        int d = skipSpaces(s, numeratorEnd + 1, to);
        if (d >= to || s.charAt(d) != '{') {
            return false;
        }
        int denominatorEnd = matching(s, d, to);
        if (denominatorEnd < 0) {
            return false;
        }
        double numerator = read(s, p + 1, numeratorEnd, depth + 1, true);
        double denominator = read(s, d + 1, denominatorEnd, depth + 1, true);
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
            return false;
        }
        cur.value = numerator / denominator;
        cur.pos = denominatorEnd + 1;
        return true;
    }

    private static int matching(CharSequence s, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            }
            else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** End of a thousands separator at {@code p} ({@code ,}, space, {@code \,}, {@code {,}}, thin spaces), or -1. */
    private static int separatorEnd(CharSequence s, int p, int to) {
        if (p >= to) {
            return -1;
        }
        char c = s.charAt(p);
        if (c == ',' || c == ' ' || c == '\u2009' || c == '\u202F' || c == '\u00A0' || c == '\'') {
            return p + 1;
        }
        if (c == '\\' && p + 1 < to && (s.charAt(p + 1) == ',' || s.charAt(p + 1) == ' ')) {
            return p + 2;
        }
        if (c == '{' && p + 2 < to && s.charAt(p + 1) == ',' && s.charAt(p + 2) == '}') {
            return p + 3;
        }
        return -1;
    }

    /** Exactly three digits at {@code p}, not followed by a fourth. */
    private static boolean threeDigitGroup(CharSequence s, int p, int to) {
        return p + 3 <= to && isDigit(s.charAt(p)) && isDigit(s.charAt(p + 1)) && isDigit(s.charAt(p + 2))
                && (p + 3 == to || !isDigit(s.charAt(p + 3)));
    }

    /** End of a multiplication sign at {@code q} ({@code ×}, {@code *}, {@code \times}, {@code \cdot}), or -1. */
    private static int timesEnd(CharSequence s, int q, int to) {
        if (q >= to) {
            return -1;
        }
        char c = s.charAt(q);
        if (c == '×' || c == '*' || c == '·') {
            return q + 1;
        }
        if (c == 'x' && q + 1 < to && (s.charAt(q + 1) == ' ' || isDigit(s.charAt(q + 1)))) {
            return q + 1; // "1.5 x 10^3": only taken when 10^ follows, see the caller
        }
        if (c == '\\') {
            if (regionEquals(s, q + 1, "times") && q + 6 <= to) {
                return q + 6;
            }
            if (regionEquals(s, q + 1, "cdot") && q + 5 <= to) {
                return q + 5;
            }
        }
        return -1;
    }

    private static double toDouble(long mantissa, int exponent) {
        if (mantissa == 0) {
            return 0.0;
        }
        if (mantissa < (1L << 53)) {
            if (exponent == 0) {
                return mantissa;
            }
            if (exponent > 0 && exponent <= 22) {
                return mantissa * POW10[exponent];
            }
            if (exponent < 0 && exponent >= -22) {
                return mantissa / POW10[-exponent];
            }
        }
        if (exponent > 400) {
            return Double.POSITIVE_INFINITY;
        }
        if (exponent < -400) {
            return 0.0;
        }
        return Double.parseDouble(mantissa + "E" + exponent);
    }

    /** The number word in [from, to) when there is exactly one distinct one, else NaN. */
    private static double word(CharSequence s, int from, int to) {
        double found = Double.NaN;
        int i = from;
        while (i < to) {
            if (!isAsciiLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < to && isAsciiLetter(s.charAt(end))) {
                end++;
            }
            int len = end - i;
            if (len >= 3 && len <= 9) {
                for (int w = 0; w < WORDS.length; w++) {
                    if (WORDS[w].length() == len && regionEqualsIgnoreCase(s, i, WORDS[w])) {
                        if (followedByWordIn(s, end, to, SCALE_WORDS) || followedByWordIn(s, end, to, FRACTION_WORDS)) {
                            return Double.NaN; // "four hundred", "three-quarters": beyond the single words read
                        }
                        if (Double.isNaN(found)) {
                            found = w;
                        }
                        else if (found != w) {
                            return Double.NaN;
                        }
                        break;
                    }
                }
            }
            i = end;
        }
        return found;
    }

    /** Index in {@link #SCALE_WORDS} of the word after the spaces at {@code p}, or -1. */
    private static int scaleWord(CharSequence s, int p, int to) {
        int q = skipSpaces(s, p, to);
        if (q >= to || !isAsciiLetter(s.charAt(q))) {
            return -1;
        }
        int end = q;
        while (end < to && isAsciiLetter(s.charAt(end))) {
            end++;
        }
        for (int w = 0; w < SCALE_WORDS.length; w++) {
            if (SCALE_WORDS[w].length() == end - q && regionEqualsIgnoreCase(s, q, SCALE_WORDS[w])) {
                return w;
            }
        }
        return -1;
    }

    /** Whether the next word after one space or hyphen at {@code p} is one of {@code words}. */
    private static boolean followedByWordIn(CharSequence s, int p, int to, String[] words) {
        if (p + 1 >= to || (s.charAt(p) != ' ' && s.charAt(p) != '-')) {
            return false;
        }
        int q = p + 1;
        int end = q;
        while (end < to && isAsciiLetter(s.charAt(end))) {
            end++;
        }
        for (String word : words) {
            if (word.length() == end - q && regionEqualsIgnoreCase(s, q, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFrac(CharSequence s, int from, int to) {
        int len = to - from;
        return (len == 4 && regionEquals(s, from, "frac")) || (len == 5 && (regionEquals(s, from, "dfrac")
                || regionEquals(s, from, "tfrac")));
    }

    private static boolean isOneOf(CharSequence s, int from, int to, String[] names) {
        int len = to - from;
        for (String name : names) {
            if (name.length() == len && regionEquals(s, from, name)) {
                return true;
            }
        }
        return false;
    }

    static boolean regionEquals(CharSequence s, int from, String word) {
        if (from < 0 || from + word.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (s.charAt(from + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionEqualsIgnoreCase(CharSequence s, int from, String lowerWord) {
        for (int k = 0; k < lowerWord.length(); k++) {
            if ((s.charAt(from + k) | 0x20) != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int skipAlnum(CharSequence s, int i, int to) {
        while (i < to && (isDigit(s.charAt(i)) || isLetter(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(CharSequence s, int i, int to) {
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isCurrency(char c) {
        return c == '$' || c == '€' || c == '£' || c == '¥' || c == '₹';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isLetter(char c) {
        return isAsciiLetter(c) || (c > 127 && Character.isLetter(c));
    }
}
