package io.modomodo.rewards.verifiers;

import java.util.List;
import java.util.Map;

import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.VerifierParam;
import io.modomodo.rewards.text.Latex;
import io.modomodo.rewards.text.Normalizer;
import io.modomodo.rewards.text.Params;

/**
 * Multiple choice: the gold is a letter A–Z. Reads {@code B}, {@code b}, {@code (B)}, {@code B.},
 * {@code B)}, {@code [B]}, {@code \text{B}}, {@code \boxed{B}}, {@code The answer is B}, {@code B) blue};
 * an answer naming two different letters is unreadable. A lower-case letter counts only when marked
 * ({@code (b)}, {@code b)}, {@code the answer is b}, {@code option b}), so the article "a" is no letter. With {@code params.options} (letter → text) an
 * answer that is exactly one option's text counts as that letter.
 */
public final class ChoiceVerifier implements Verifier {

    private static final String[] CONNECTIVES = {"or", "and", "nor", "is", "was", "seems", "looks", "appears",
        "would", "should", "could", "must", "might", "then", "because", "since", "fits", "matches", "but", "vs",
        "versus", "only", "best", "gives", "corresponds"};

    private static final String[] EXTRACTED = new String[26];

    static {
        for (int i = 0; i < 26; i++) {
            EXTRACTED[i] = String.valueOf((char) ('A' + i));
        }
    }

    @Override
    public String name() {
        return "choice";
    }

    @Override
    public String description() {
        return "Multiple choice: a letter A-Z, in any of the usual forms; two different letters score 0.";
    }

    @Override
    public List<VerifierParam> params() {
        return List.of(new VerifierParam("options", "object", null,
                "Letter -> option text; an answer that is exactly one option's text counts as its letter."));
    }

    @Override
    public GoldAnswer prepare(Object gold, Map<String, ?> params) {
        String[] options = options(params);
        int letter = read(Golds.text(gold), options);
        if (letter < 0) {
            throw new VerifierInputException("answer", "answer must be one letter A-Z (or an option's text)");
        }
        return answer -> {
            int read = read(answer, options);
            return read < 0 ? Verdict.UNREADABLE : Verdict.of(read == letter, EXTRACTED[read]);
        };
    }

    private static String[] options(Map<String, ?> params) {
        Map<?, ?> map = Params.object(params, "options");
        if (map == null) {
            return null;
        }
        String[] options = new String[26];
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey()).strip();
            if (key.length() != 1 || !isAsciiLetter(key.charAt(0)) || !(e.getValue() instanceof String text)) {
                throw new VerifierInputException("params.options",
                        "params.options must map single letters A-Z to option texts");
            }
            options[Character.toUpperCase(key.charAt(0)) - 'A'] = Normalizer.exact(text);
        }
        return options;
    }

    /** The letter (0 = A) the text names, or -1 when it names none or several. */
    static int read(String raw, String[] options) {
        String t = Latex.unwrap(raw).strip();
        int n = t.length();
        if (n == 0) {
            return -1;
        }
        int a = 0;
        while (a < n && isOpening(t.charAt(a))) {
            a++;
        }
        int b = n;
        while (b > a && isClosing(t.charAt(b - 1))) {
            b--;
        }
        if (b - a == 1 && isAsciiLetter(t.charAt(a))) {
            return Character.toUpperCase(t.charAt(a)) - 'A';
        }
        if (options != null) {
            int option = optionOf(Normalizer.exact(t), options);
            if (option >= 0) {
                return option;
            }
            // "B) blue" where blue is option B's text, even if the text itself contains a capital letter
            int marked = leadingMarker(t, a);
            if (marked >= 0) {
                int rest = a + 2;
                while (rest < n && (t.charAt(rest) == ')' || t.charAt(rest) == ']' || t.charAt(rest) == ' ')) {
                    rest++;
                }
                int named = optionOf(Normalizer.exact(t.substring(rest)), options);
                if (named == marked) {
                    return marked;
                }
                if (named >= 0) {
                    return -1; // "B) red" where red is option A: letter and text disagree
                }
            }
        }
        int found = -1;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (!isAsciiLetter(c) || (i > 0 && Character.isLetterOrDigit(t.charAt(i - 1)))
                    || (i + 1 < n && Character.isLetterOrDigit(t.charAt(i + 1)))) {
                continue;
            }
            boolean candidate = c >= 'A' && c <= 'Z' ? !isWordUse(t, i) : isMarkedLowercase(t, i, a);
            if (candidate) {
                int letter = Character.toUpperCase(c) - 'A';
                if (c >= 'a' && alternativeFollows(t, i + 1, letter)) {
                    return -1; // "the answer is b or c": the unmarked second letter still names a choice
                }
                if (found < 0) {
                    found = letter;
                }
                else if (found != letter) {
                    return -1;
                }
            }
        }
        return found;
    }

    private static int optionOf(String normalized, String[] options) {
        for (int i = 0; i < options.length; i++) {
            if (options[i] != null && options[i].equals(normalized)) {
                return i;
            }
        }
        return -1;
    }

    /** A letter at {@code a} followed by {@code )}, {@code .}, {@code :} or {@code ]}: "B) blue", "(B) blue". */
    private static int leadingMarker(String t, int a) {
        if (a + 1 < t.length() && isAsciiLetter(t.charAt(a))) {
            char next = t.charAt(a + 1);
            if (next == ')' || next == '.' || next == ':' || next == ']') {
                return Character.toUpperCase(t.charAt(a)) - 'A';
            }
        }
        return -1;
    }

    /** "I think …", "I'm", "A cat …": the pronoun and the article are not option letters. */
    private static boolean isWordUse(String t, int i) {
        char c = t.charAt(i);
        if (c != 'A' && c != 'I') {
            return false;
        }
        int n = t.length();
        if (i + 1 < n && (t.charAt(i + 1) == '\'' || t.charAt(i + 1) == '’')) {
            return true;
        }
        if (i + 2 < n && t.charAt(i + 1) == ' ' && Character.isLowerCase(t.charAt(i + 2))) {
            int start = i + 2;
            int end = start;
            while (end < n && Character.isLetter(t.charAt(end))) {
                end++;
            }
            for (String word : CONNECTIVES) {
                if (word.length() == end - start && t.regionMatches(start, word, 0, word.length())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A lower-case letter counts only when marked: "(b)", "[b]", or "b)" / "b." at the start. */
    private static boolean isMarkedLowercase(String t, int i, int start) {
        int n = t.length();
        char before = i > 0 ? t.charAt(i - 1) : ' ';
        char after = i + 1 < n ? t.charAt(i + 1) : ' ';
        if ((before == '(' && after == ')') || (before == '[' && after == ']')) {
            return true;
        }
        return (i == start && (after == ')' || after == '.')) || isNamedChoice(t, i);
    }

    /** Whether "or", "and", "," or "/" and another single letter follow {@code from}: "b or c", "(b)/(c)". */
    private static boolean alternativeFollows(String t, int from, int letter) {
        int n = t.length();
        int p = from;
        while (p < n && (t.charAt(p) == ' ' || t.charAt(p) == ')' || t.charAt(p) == ']')) {
            p++;
        }
        boolean joined = false;
        if (p < n && (t.charAt(p) == ',' || t.charAt(p) == '/')) {
            p++;
            joined = true;
        }
        while (p < n && t.charAt(p) == ' ') {
            p++;
        }
        for (String word : new String[] {"or", "and"}) {
            if (t.regionMatches(true, p, word, 0, word.length()) && p + word.length() < n
                    && t.charAt(p + word.length()) == ' ') {
                p += word.length();
                joined = true;
                break;
            }
        }
        while (p < n && (t.charAt(p) == ' ' || t.charAt(p) == '(' || t.charAt(p) == '[')) {
            p++;
        }
        if (!joined || p >= n || !isAsciiLetter(t.charAt(p)) || (p + 1 < n && Character.isLetterOrDigit(t.charAt(p + 1)))) {
            return false;
        }
        char other = Character.toUpperCase(t.charAt(p));
        boolean article = (other == 'A' || other == 'I') && p + 2 < n && t.charAt(p + 1) == ' '
                && Character.isLetter(t.charAt(p + 2)); // "b, a blue square": an article, not a letter
        return !article && other - 'A' != letter;
    }

    /** "the answer is b", "answer: b", "option b", "choice b": a lower-case letter named as the choice. */
    private static boolean isNamedChoice(String t, int i) {
        char c = t.charAt(i);
        if ((c == 'a' || c == 'i') && i + 2 < t.length() && t.charAt(i + 1) == ' ' && Character.isLetter(t.charAt(i + 2))) {
            return false; // "the answer is a red circle": an article
        }
        int k = skipBack(t, i - 1);
        if (k >= 0 && t.charAt(k) == ':') {
            k = skipBack(t, k - 1);
        }
        int wordEnd = k + 1;
        while (k >= 0 && isAsciiLetter(t.charAt(k))) {
            k--;
        }
        if (wordEnd - k - 1 == 2 && t.regionMatches(true, k + 1, "is", 0, 2)) {
            k = skipBack(t, k);
            wordEnd = k + 1;
            while (k >= 0 && isAsciiLetter(t.charAt(k))) {
                k--;
            }
            return isWord(t, k + 1, wordEnd, "answer");
        }
        return isWord(t, k + 1, wordEnd, "answer") || isWord(t, k + 1, wordEnd, "option")
                || isWord(t, k + 1, wordEnd, "choice");
    }

    /** Index of the last char at or before {@code k} that is not a space, a quote or an opening mark. */
    private static int skipBack(String t, int k) {
        while (k >= 0 && (t.charAt(k) == ' ' || t.charAt(k) == '(' || t.charAt(k) == '[')) {
            k--;
        }
        return k;
    }

    private static boolean isWord(String t, int from, int to, String word) {
        return to - from == word.length() && t.regionMatches(true, from, word, 0, word.length());
    }

    private static boolean isOpening(char c) {
        return c == '(' || c == '[' || c == '{' || c == ' ' || c == '"' || c == '\'' || c == '*';
    }

    private static boolean isClosing(char c) {
        return c == ')' || c == ']' || c == '}' || c == '.' || c == ':' || c == ';' || c == ',' || c == '!'
                || c == ' ' || c == '"' || c == '\'' || c == '*';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
