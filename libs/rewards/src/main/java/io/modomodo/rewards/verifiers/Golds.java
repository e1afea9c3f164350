package io.modomodo.rewards.verifiers;

import java.math.BigDecimal;

import io.modomodo.rewards.VerifierInputException;

/** Reading gold answers given as JSON values. */
final class Golds {

    private Golds() {
    }

    /** A gold answer as text: strings as they are, numbers and booleans printed; anything else refused. */
    static String text(Object gold) {
        if (gold instanceof String s) {
            return s;
        }
        if (gold instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (gold instanceof Number || gold instanceof Boolean) {
            return String.valueOf(gold);
        }
        throw new VerifierInputException("answer", gold == null ? "answer is required" : "answer must be a string");
    }
}
