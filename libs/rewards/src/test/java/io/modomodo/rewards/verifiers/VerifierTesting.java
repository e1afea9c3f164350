package io.modomodo.rewards.verifiers;

import java.util.Map;

import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.Verifier;

/** Shorthands for verifier tests. */
final class VerifierTesting {

    private VerifierTesting() {
    }

    static Verdict check(Verifier verifier, Object gold, String answer) {
        return verifier.prepare(gold, Map.of()).check(answer);
    }

    static Verdict check(Verifier verifier, Object gold, Map<String, ?> params, String answer) {
        return verifier.prepare(gold, params).check(answer);
    }
}
