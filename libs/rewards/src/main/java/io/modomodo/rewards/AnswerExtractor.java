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
        // Two cursors moving only leftwards keep the whole search linear in s.
        int boxed = s.lastIndexOf("\\boxed");
        int fbox = s.lastIndexOf("\\fbox");
        int[] closing = null; // built on the first unbalanced \boxed: later ones then cost O(1) each
        while (boxed >= 0 || fbox >= 0) {
            boolean isFbox = fbox > boxed;
            int at = isFbox ? fbox : boxed;
            int brace = at + (isFbox ? "\\fbox".length() : "\\boxed".length());
            while (brace < s.length() && s.charAt(brace) == ' ') {
                brace++;
            }
            if (brace < s.length() && s.charAt(brace) == '{') {
                int end;
                if (closing == null) {
                    end = matchingBrace(s, brace);
                    if (end < 0) {
                        closing = closingBraces(s);
                    }
                }
                else {
                    end = closing[brace];
                }
                if (end > 0) {
                    return s.substring(brace + 1, end);
                }
            }
            if (isFbox) {
                fbox = at > 0 ? s.lastIndexOf("\\fbox", at - 1) : -1;
            }
            else {
                boxed = at > 0 ? s.lastIndexOf("\\boxed", at - 1) : -1;
            }
        }
        return null;
    }

    /**
     * For every {@code {} in {@code s}, the index of the brace closing it (as {@link #matchingBrace} finds
     * it), or -1; one pass with a stack, so scanning many unbalanced {@code \boxed{} stays linear.
     */
    private static int[] closingBraces(String s) {
        int n = s.length();
        int[] closing = new int[n];
        int[] stack = new int[n];
        int top = 0;
        for (int i = 0; i < n; i++) {
            closing[i] = -1;
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
                closing[++i] = -1;
            }
            else if (c == '{') {
                stack[top++] = i;
            }
            else if (c == '}' && top > 0) {
                closing[stack[--top]] = i;
            }
        }
        return closing;
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
