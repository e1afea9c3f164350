package io.modomodo.rewards.text;

/** Removes LaTeX and Markdown wrapping that carries no meaning for a short answer. */
public final class Latex {

    private static final String[] WRAPPERS = {"text", "textbf", "textit", "textrm", "texttt", "textsf",
        "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mbox", "boxed", "fbox", "operatorname", "emph"};

    private Latex() {
    }

    /**
     * Unwraps {@code \text{…}}, {@code \boxed{…}} and similar commands, drops {@code $}, {@code \(}, {@code \)},
     * {@code \[}, {@code \]} and Markdown {@code **}, and turns LaTeX spacing commands into a space.
     * Returns {@code s} itself when there is nothing to remove.
     */
    public static String unwrap(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('$') < 0 && s.indexOf('*') < 0) {
            return s;
        }
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        long dropClose = 0; // bit d: the brace closing depth d belongs to an unwrapped command
        int depth = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < n && isAsciiLetter(s.charAt(j))) {
                    j++;
                }
                if (j > i + 1) {
                    int brace = j;
                    while (brace < n && s.charAt(brace) == ' ') {
                        brace++;
                    }
                    if (brace < n && s.charAt(brace) == '{' && isWrapper(s, i + 1, j)) {
                        depth++;
                        if (depth < 64) {
                            dropClose |= 1L << depth;
                        }
                        i = brace;
                        continue;
                    }
                    out.append(s, i, j);
                    i = j - 1;
                    continue;
                }
                if (j < n) {
                    char e = s.charAt(j);
                    switch (e) {
                        case '(', ')', '[', ']' -> {
                            i = j;
                            continue;
                        }
                        case ',', ';', '!', ':', ' ' -> {
                            out.append(' ');
                            i = j;
                            continue;
                        }
                        case '$', '%', '{', '}', '&', '#', '_' -> {
                            out.append(e);
                            i = j;
                            continue;
                        }
                        default -> {
                        }
                    }
                }
                out.append(c);
            }
            else if (c == '{') {
                depth++;
                if (depth < 64) {
                    dropClose &= ~(1L << depth);
                }
                out.append(c);
            }
            else if (c == '}') {
                if (depth > 0) {
                    boolean drop = depth < 64 && (dropClose & (1L << depth)) != 0;
                    depth--;
                    if (drop) {
                        continue;
                    }
                }
                out.append(c);
            }
            else if (c == '$') {
                // math delimiter: dropped
            }
            else if (c == '*' && i + 1 < n && s.charAt(i + 1) == '*') {
                i++;
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isWrapper(String s, int from, int to) {
        int len = to - from;
        for (String w : WRAPPERS) {
            if (w.length() == len && s.regionMatches(from, w, 0, len)) {
                return true;
            }
        }
        return false;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
