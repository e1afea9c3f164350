package io.modomodo.rewards.verifiers;

import java.util.List;
import java.util.Map;

import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.VerifierParam;
import io.modomodo.rewards.text.Normalizer;

/**
 * Exact text: case-insensitive equality after trimming, collapsing whitespace, dropping trailing
 * punctuation and unwrapping {@code \text{}}.
 */
public final class ExactVerifier implements Verifier {

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public String description() {
        return "Case-insensitive text equality after trimming, collapsing whitespace, dropping trailing "
                + "punctuation and unwrapping \\text{}.";
    }

    @Override
    public List<VerifierParam> params() {
        return List.of();
    }

    @Override
    public GoldAnswer prepare(Object gold, Map<String, ?> params) {
        String g = Normalizer.exact(Golds.text(gold));
        if (g.isEmpty()) {
            throw new VerifierInputException("answer", "answer must not be empty");
        }
        return answer -> {
            String read = Normalizer.exact(answer);
            return read.isEmpty() ? Verdict.UNREADABLE : Verdict.of(read.equals(g), read);
        };
    }
}
