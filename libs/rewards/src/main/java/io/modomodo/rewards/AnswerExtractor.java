package io.modomodo.rewards;

/**
 * Finds the answer text in a response: the content of the last {@code <answer>…</answer>}; without
 * one, the content of the last {@code \boxed{…}}; without either, the whole response. The result is
 * trimmed.
 */
public final class AnswerExtractor {

    private static final String OPEN = "<answer>";
    private static final String CLOSE = "</answer>";

    private AnswerExtractor() {
    }

    /** The answer text of {@code response}, trimmed. */
    public static String extract(String response) {
        int close = response.lastIndexOf(CLOSE);
        if (close >= 0) {
            int open = response.lastIndexOf(OPEN, close - OPEN.length());
            if (open >= 0) {
                return response.substring(open + OPEN.length(), close).strip();
            }
        }
        String boxed = lastBoxed(response);
        return boxed != null ? boxed.strip() : response.strip();
    }

    /**
     * The content of the last balanced {@code \boxed{…}} (or {@code \fbox{…}}) in {@code s}, or
     * {@code null} when there is none.
     */
    public static String lastBoxed(String s) {
        int at = s.lastIndexOf("\\boxed");
        int fbox = s.lastIndexOf("\\fbox");
        int len = "\\boxed".length();
        if (fbox > at) {
            at = fbox;
            len = "\\fbox".length();
        }
        while (at >= 0) {
            int brace = at + len;
            while (brace < s.length() && s.charAt(brace) == ' ') {
                brace++;
            }
            if (brace < s.length() && s.charAt(brace) == '{') {
                int end = matchingBrace(s, brace);
                if (end > 0) {
                    return s.substring(brace + 1, end);
                }
            }
            int previousBoxed = at > 0 ? s.lastIndexOf("\\boxed", at - 1) : -1;
            int previousFbox = at > 0 ? s.lastIndexOf("\\fbox", at - 1) : -1;
            if (previousFbox > previousBoxed) {
                at = previousFbox;
                len = "\\fbox".length();
            }
            else {
                at = previousBoxed;
                len = "\\boxed".length();
            }
        }
        return null;
    }

    /** Index of the brace closing the one at {@code open}, or -1 when unbalanced. */
    public static int matchingBrace(CharSequence s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
                i++;
            }
            else if (c == '{') {
                depth++;
            }
            else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
