package io.modomodo.rewards.verifiers;

import java.util.List;
import java.util.Map;

import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.VerifierParam;

/**
 * Yes or no, any case, with punctuation and a trailing explanation ("No, it is not."). The first
 * word decides, unless it is a hedge ("Yes or no", "yes and no", "yes/no": unread); else a yes/no right after
 * "answer" or "answer is" decides; else a text that says only one of them (possibly repeated) is read.
 * Informal forms ("yeah", "nope") and true/false are not read.
 */
public final class YesNoVerifier implements Verifier {

    private static final int YES = 1;
    private static final int NO = 0;
    private static final int NONE = -1;

    @Override
    public String name() {
        return "yes_no";
    }

    @Override
    public String description() {
        return "Yes or no, in any case, with punctuation and an optional explanation after it.";
    }

    @Override
    public List<VerifierParam> params() {
        return List.of();
    }

    @Override
    public GoldAnswer prepare(Object gold, Map<String, ?> params) {
        // datasets often store the label as a JSON boolean
        int g = gold instanceof Boolean b ? (b ? YES : NO) : read(Golds.text(gold));
        if (g == NONE) {
            throw new VerifierInputException("answer", "answer must be yes or no");
        }
        return answer -> {
            int read = read(answer);
            return read == NONE ? Verdict.UNREADABLE : Verdict.of(read == g, read == YES ? "yes" : "no");
        };
    }

    static int read(String s) {
        int n = s.length();
        int found = NONE;
        boolean first = true;
        int phrase = 0; // 1 after "answer", 2 after "answer is": the next yes/no is the stated answer
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && Character.isLetterOrDigit(s.charAt(end))) {
                end++;
            }
            int word = classify(s, i, end);
            if (first && word != NONE) {
                // "Yes or no", "no/yes": a hedge naming both is no answer
                return hedged(s, end, word) ? NONE : word;
            }
            // LaTeX commands (\text, \boxed) before the word do not count as the first word
            boolean command = i > 0 && s.charAt(i - 1) == '\\';
            first &= command;
            if (word != NONE && phrase > 0) {
                return word; // "there is no red cube, so the answer is yes"
            }
            if (end - i == 6 && s.regionMatches(true, i, "answer", 0, 6)) {
                phrase = 1;
            }
            else {
                phrase = phrase == 1 && end - i == 2 && s.regionMatches(true, i, "is", 0, 2) ? 2 : 0;
            }
            if (word != NONE) {
                if (found == NONE) {
                    found = word;
                }
                else if (found != word) {
                    return NONE;
                }
            }
            i = end;
        }
        return found;
    }

    /**
     * Whether the leading answer is followed by "or", "and" or "/" and the other answer ("Yes or no", "no/yes"):
     * a hedge naming both is no answer. "Yes, no doubt" is still yes.
     */
    private static boolean hedged(String s, int from, int leading) {
        int n = s.length();
        int i = skipSpaces(s, from);
        if (i < n && s.charAt(i) == '/') {
            i = skipSpaces(s, i + 1);
        }
        else if (i + 2 < n && s.regionMatches(true, i, "or", 0, 2) && !Character.isLetterOrDigit(s.charAt(i + 2))) {
            i = skipSpaces(s, i + 2);
        }
        else if (i + 3 < n && s.regionMatches(true, i, "and", 0, 3) && !Character.isLetterOrDigit(s.charAt(i + 3))) {
            i = skipSpaces(s, i + 3);
        }
        else {
            return false;
        }
        int end = i;
        while (end < n && Character.isLetterOrDigit(s.charAt(end))) {
            end++;
        }
        int next = classify(s, i, end);
        return next != NONE && next != leading;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int classify(String s, int from, int to) {
        int len = to - from;
        if (len == 3 && s.regionMatches(true, from, "yes", 0, 3)) {
            return YES;
        }
        if (len == 2 && s.regionMatches(true, from, "no", 0, 2)) {
            return NO;
        }
        return NONE;
    }
}
