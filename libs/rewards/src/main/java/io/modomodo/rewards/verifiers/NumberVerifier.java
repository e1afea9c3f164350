package io.modomodo.rewards.verifiers;

import java.util.List;
import java.util.Map;

import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.VerifierParam;
import io.modomodo.rewards.text.NumberReader;
import io.modomodo.rewards.text.Params;

/**
 * Numbers: gold and answer are read by {@link NumberReader}; equal within
 * max(absTol, relTol·|gold|).
 */
public final class NumberVerifier implements Verifier {

    static final double DEFAULT_ABS_TOL = 1e-9;
    static final double DEFAULT_REL_TOL = 1e-6;

    @Override
    public String name() {
        return "number";
    }

    @Override
    public String description() {
        return "A number in any usual form (separators, fractions, scientific, percent, units, words zero-twenty), "
                + "equal within max(absTol, relTol*|gold|).";
    }

    @Override
    public List<VerifierParam> params() {
        return List.of(
                new VerifierParam("absTol", "number", DEFAULT_ABS_TOL, "Absolute tolerance."),
                new VerifierParam("relTol", "number", DEFAULT_REL_TOL, "Tolerance relative to |gold|."));
    }

    @Override
    public GoldAnswer prepare(Object gold, Map<String, ?> params) {
        double absTol = Params.number(params, "absTol", DEFAULT_ABS_TOL, 0, Double.MAX_VALUE);
        double relTol = Params.number(params, "relTol", DEFAULT_REL_TOL, 0, Double.MAX_VALUE);
        double g = NumberReader.read(Golds.text(gold));
        if (Double.isNaN(g)) {
            throw new VerifierInputException("answer", "answer must state exactly one number");
        }
        double tolerance = Math.max(absTol, relTol * Math.abs(g));
        return answer -> {
            double v = NumberReader.read(answer);
            if (Double.isNaN(v)) {
                return Verdict.UNREADABLE;
            }
            return Verdict.of(Math.abs(v - g) <= tolerance, NumberReader.format(v));
        };
    }
}
