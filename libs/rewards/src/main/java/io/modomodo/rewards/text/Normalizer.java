package io.modomodo.rewards.text;

import java.util.Locale;

/** Text normalisation for exact matching. */
public final class Normalizer {

    private Normalizer() {
    }

    /**
     * Lower-cases, trims, collapses whitespace runs to one space, drops trailing punctuation and
     * unwraps {@code \text{}} (and other wrappers, see {@link Latex#unwrap}).
     */
    public static String exact(String s) {
        String t = Latex.unwrap(s);
        StringBuilder out = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            }
            else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && isTrailingPunctuation(out.charAt(end - 1))) {
            end--;
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
        }
        out.setLength(end);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isTrailingPunctuation(char c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '。' || c == '…';
    }
}
