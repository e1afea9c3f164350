package io.modomodo.rewards.text;

/**
 * Reads a box {@code [x1, y1, x2, y2]} from text: the value of a {@code "bbox_2d"} key when present,
 * else the first bracketed or parenthesised group of four numbers (or corner pair
 * {@code (x1, y1), (x2, y2)}), else a text that is just four numbers. Corners are normalised so that
 * x1 ≤ x2 and y1 ≤ y2. A text naming two different boxes (two {@code bbox_2d} values, or two bracketed
 * boxes) is unreadable: the answer must commit to one box; the same box repeated is read.
 */
public final class BoxReader {

    private BoxReader() {
    }

    /** Reads a box into {@code out} (length 4); false when there is none. */
    public static boolean read(CharSequence s, double[] out) {
        int n = s.length();
        int key = indexOf(s, "bbox_2d", 0);
        if (key >= 0) {
            int end = keyedBox(s, key, out);
            if (end < 0) {
                return false;
            }
            // another bbox_2d naming a different box makes the answer ambiguous
            double[] other = new double[4];
            for (int k = indexOf(s, "bbox_2d", end); k >= 0; k = indexOf(s, "bbox_2d", end)) {
                end = keyedBox(s, k, other);
                if (end < 0) {
                    break;
                }
                normalise(other);
                if (!sameBox(out, other)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(') {
                int end = bracketed(s, i, n, out);
                if (end > 0) {
                    normalise(out);
                    return !anotherBox(s, end, n, out);
                }
            }
        }
        int first = 0;
        while (first < n && !startsNumber(s, first, n)) {
            if (Character.isLetter(s.charAt(first))) {
                return false;
            }
            first++;
        }
        return first < n && quadruple(s, first, n, out, false) && normalise(out);
    }

    /** The box after the {@code bbox_2d} key at {@code key}, normalised; returns the index after it, or -1. */
    private static int keyedBox(CharSequence s, int key, double[] out) {
        for (int i = key + 7; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(') {
                int end = bracketed(s, i, s.length(), out);
                if (end > 0) {
                    normalise(out);
                }
                return end;
            }
            if (c != '"' && c != '\'' && c != ':' && c != ' ') {
                break;
            }
        }
        return -1;
    }

    /**
     * A box in brackets at {@code open}: {@code [x1, y1, x2, y2]}, or the corner pair {@code (x1, y1), (x2, y2)};
     * returns the index after it, or -1.
     */
    private static int bracketed(CharSequence s, int open, int n, double[] out) {
        int end = quadruple(s, open + 1, n, out, true) ? closeAfter(s, open + 1, n) : -1;
        if (end > 0) {
            return end;
        }
        end = corners(s, open, n, out);
        if (end > 0) {
            return end;
        }
        // [[x1, y1], [x2, y2]]: the corner pair inside one more bracket
        int inner = skipSpaces(s, open + 1, n);
        if (inner < n && (s.charAt(inner) == '[' || s.charAt(inner) == '(')) {
            end = corners(s, inner, n, out);
            if (end > 0) {
                end = skipSpaces(s, end, n);
                return end < n && (s.charAt(end) == ']' || s.charAt(end) == ')') ? end + 1 : -1;
            }
        }
        return -1;
    }

    /** The corner pair {@code (x1, y1), (x2, y2)} starting at {@code open}; the index after it, or -1. */
    private static int corners(CharSequence s, int open, int n, double[] out) {
        int b = open - 1;
        while (b >= 0 && Character.isWhitespace(s.charAt(b))) {
            b--;
        }
        if (b >= 1 && s.charAt(b) == ',') {
            b--;
            while (b >= 0 && Character.isWhitespace(s.charAt(b))) {
                b--;
            }
            if (b >= 0 && (s.charAt(b) == ')' || s.charAt(b) == ']')) {
                return -1; // a point before this one: the tail of a polygon, not a box
            }
        }
        int p = pair(s, open, n, out, 0);
        if (p < 0) {
            return -1;
        }
        p = skipSpaces(s, p, n);
        if (p >= n || s.charAt(p) != ',') {
            return -1;
        }
        p = skipSpaces(s, p + 1, n);
        int end = p < n && (s.charAt(p) == '(' || s.charAt(p) == '[') ? pair(s, p, n, out, 2) : -1;
        if (end < 0) {
            return -1;
        }
        // a third point makes a polygon, not a box
        int q = skipSpaces(s, end, n);
        if (q < n && s.charAt(q) == ',') {
            q = skipSpaces(s, q + 1, n);
            if (q < n && (s.charAt(q) == '(' || s.charAt(q) == '[') && pair(s, q, n, new double[4], 0) > 0) {
                return -1;
            }
        }
        return end;
    }

    /** A point {@code (x, y)} at {@code open} into {@code out[at]}, {@code out[at + 1]}; index after it, or -1. */
    private static int pair(CharSequence s, int open, int n, double[] out, int at) {
        int p = skipSpaces(s, open + 1, n);
        for (int k = 0; k < 2; k++) {
            int end = simpleNumberEnd(s, p, n);
            if (end < 0) {
                return -1;
            }
            out[at + k] = Double.parseDouble(normalisedMinus(s, p, end));
            p = skipSpaces(s, end, n);
            if (k == 0) {
                if (p >= n || s.charAt(p) != ',') {
                    return -1;
                }
                p = skipSpaces(s, p + 1, n);
            }
        }
        return p < n && (s.charAt(p) == ')' || s.charAt(p) == ']') && Double.isFinite(out[at])
                && Double.isFinite(out[at + 1]) ? p + 1 : -1;
    }

    /** The index after the closing bracket of a quadruple that starts at {@code i} (already known to be valid). */
    private static int closeAfter(CharSequence s, int i, int n) {
        int p = i;
        while (p < n && s.charAt(p) != ']' && s.charAt(p) != ')') {
            p++;
        }
        return p + 1;
    }

    /** Whether a bracketed box different from {@code box} follows {@code from}: two boxes are no answer. */
    private static boolean anotherBox(CharSequence s, int from, int n, double[] box) {
        double[] other = new double[4];
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(') {
                int end = bracketed(s, i, n, other);
                if (end > 0) {
                    normalise(other);
                    if (!sameBox(box, other)) {
                        return true;
                    }
                    i = end - 1;
                }
            }
        }
        return false;
    }

    private static boolean sameBox(double[] a, double[] b) {
        return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
    }

    /** Four numbers separated by commas (and spaces) from {@code i}; closed by a bracket when {@code bracketed}. */
    private static boolean quadruple(CharSequence s, int i, int n, double[] out, boolean bracketed) {
        int p = i;
        for (int k = 0; k < 4; k++) {
            p = skipSpaces(s, p, n);
            int end = simpleNumberEnd(s, p, n);
            if (end < 0) {
                return false;
            }
            out[k] = Double.parseDouble(normalisedMinus(s, p, end));
            if (!Double.isFinite(out[k])) {
                return false;
            }
            p = skipSpaces(s, end, n);
            if (k < 3) {
                if (p < n && s.charAt(p) == ',') {
                    p++;
                }
                else if (bracketed || p == end) {
                    return false;
                }
            }
        }
        if (bracketed) {
            return p < n && (s.charAt(p) == ']' || s.charAt(p) == ')');
        }
        // a bare list must be the whole text, punctuation aside
        while (p < n && !Character.isLetterOrDigit(s.charAt(p))) {
            p++;
        }
        return p == n;
    }

    private static String normalisedMinus(CharSequence s, int from, int to) {
        String text = s.subSequence(from, to).toString();
        return text.charAt(0) == '−' ? "-" + text.substring(1) : text;
    }

    /** End of a plain decimal number (sign, digits, point, exponent) at {@code p}, or -1. Bounded length. */
    private static int simpleNumberEnd(CharSequence s, int p, int n) {
        int q = p;
        if (q < n && (s.charAt(q) == '-' || s.charAt(q) == '+' || s.charAt(q) == '−')) {
            q++;
        }
        int digitsStart = q;
        while (q < n && NumberReader.isDigit(s.charAt(q))) {
            q++;
        }
        boolean hasDigits = q > digitsStart;
        if (q < n && s.charAt(q) == '.') {
            q++;
            int fractionStart = q;
            while (q < n && NumberReader.isDigit(s.charAt(q))) {
                q++;
            }
            hasDigits |= q > fractionStart;
        }
        if (!hasDigits) {
            return -1;
        }
        if (q < n && (s.charAt(q) == 'e' || s.charAt(q) == 'E')) {
            int e = q + 1;
            if (e < n && (s.charAt(e) == '-' || s.charAt(e) == '+')) {
                e++;
            }
            int expStart = e;
            while (e < n && NumberReader.isDigit(s.charAt(e))) {
                e++;
            }
            if (e > expStart) {
                q = e;
            }
        }
        return q - p > 400 ? -1 : q;
    }

    private static boolean startsNumber(CharSequence s, int p, int n) {
        char c = s.charAt(p);
        return NumberReader.isDigit(c) || ((c == '-' || c == '+' || c == '−' || c == '.') && p + 1 < n
                && (NumberReader.isDigit(s.charAt(p + 1)) || s.charAt(p + 1) == '.'));
    }

    /** Swaps corners so x1 ≤ x2, y1 ≤ y2; always true (for chaining). */
    public static boolean normalise(double[] box) {
        if (box[0] > box[2]) {
            double t = box[0];
            box[0] = box[2];
            box[2] = t;
        }
        if (box[1] > box[3]) {
            double t = box[1];
            box[1] = box[3];
            box[3] = t;
        }
        return true;
    }

    /** Intersection over union of two normalised boxes, in [0, 1]; two identical empty boxes give 1. */
    public static double iou(double[] a, double[] b) {
        double ix = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double iy = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        double inter = ix > 0 && iy > 0 ? ix * iy : 0.0;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        if (!(union > 0)) {
            return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3] ? 1.0 : 0.0;
        }
        double iou = inter / union;
        return iou > 1.0 ? 1.0 : (iou >= 0.0 ? iou : 0.0);
    }

    private static int skipSpaces(CharSequence s, int i, int n) {
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int indexOf(CharSequence s, String word, int from) {
        int last = s.length() - word.length();
        for (int i = from; i <= last; i++) {
            if (NumberReader.regionEquals(s, i, word)) {
                return i;
            }
        }
        return -1;
    }
}
