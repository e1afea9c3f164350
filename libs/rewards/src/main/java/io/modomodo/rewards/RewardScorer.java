package io.modomodo.rewards;

/**
 * Scores responses: format from the {@link Template}, accuracy from the verifier on the
 * {@link AnswerExtractor extracted} answer (whatever the format), reward = Σ weight·component.
 * Stateless and thread-safe.
 */
public final class RewardScorer {

    private RewardScorer() {
    }

    /** Scores one response against a prepared gold answer. */
    public static Score score(Template template, Weights weights, GoldAnswer gold, String response) {
        double format = template.format(response);
        Verdict verdict = gold.check(AnswerExtractor.extract(response));
        double accuracy = verdict.accuracy();
        if (!(accuracy >= 0.0)) {
            accuracy = 0.0; // NaN guard: a verifier bug must not poison a training batch
        }
        else if (accuracy > 1.0) {
            accuracy = 1.0;
        }
        double reward = weights.format() * format + weights.accuracy() * accuracy;
        return new Score(reward, format, accuracy, verdict.extracted());
    }
}
