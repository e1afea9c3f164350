package io.modomodo.rewards;

/**
 * What a verifier concluded about one answer.
 *
 * @param accuracy  in [0, 1]
 * @param extracted the answer as the verifier read it (canonical form), or {@code null} when the answer
 *                  could not be read; an unreadable answer is not an error, it scores 0
 */
public record Verdict(double accuracy, String extracted) {

    /** The answer could not be read. */
    public static final Verdict UNREADABLE = new Verdict(0.0, null);

    /** Accuracy 1 when {@code correct}, else 0, with the canonical form of what was read. */
    public static Verdict of(boolean correct, String extracted) {
        return new Verdict(correct ? 1.0 : 0.0, extracted);
    }

    /** Whether the answer could be read at all. */
    public boolean readable() {
        return extracted != null;
    }
}
