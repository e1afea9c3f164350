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
 * max(absTol, relTol·|gold|). A scale word ({@code million}) counts either way: {@code 1.5 million} matches
 * a gold 1500000 and a gold 1.5 (a chart in millions), as a unit would; likewise a percent mark:
 * {@code 50%} matches a gold 50 and a gold 0.5.
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
        String goldText = Golds.text(gold);
        double g = NumberReader.read(goldText);
        if (Double.isNaN(g)) {
            throw new VerifierInputException("answer", "answer must state exactly one number");
        }
        double tolerance = Math.max(absTol, relTol * Math.abs(g));
        // "1.2 billion" is 1.2e9, but a chart's gold may be 1.2 (in billions): a scale word may also be a unit
        double goldAsWritten = NumberReader.mayHaveScaleWord(goldText) ? NumberReader.readIgnoringScale(goldText) : g;
        double writtenTolerance = Math.max(absTol, relTol * Math.abs(goldAsWritten));
        // "50%" is 50 (the mark read as a unit) or 0.5: a gold 0.5 accepts "50%", a gold "50%" accepts 0.5
        boolean goldPercent = goldText.indexOf('%') >= 0;
        double goldFraction = g / 100;
        double fractionTolerance = Math.max(absTol, relTol * Math.abs(goldFraction));
        return answer -> {
            double v = NumberReader.read(answer);
            if (Double.isNaN(v)) {
                return Verdict.UNREADABLE;
            }
            boolean equal = Math.abs(v - g) <= tolerance || Math.abs(v - goldAsWritten) <= writtenTolerance;
            if (!equal && NumberReader.mayHaveScaleWord(answer)) {
                double written = NumberReader.readIgnoringScale(answer);
                equal = Math.abs(written - g) <= tolerance || Math.abs(written - goldAsWritten) <= writtenTolerance;
            }
            if (!equal && goldPercent) {
                equal = Math.abs(v - goldFraction) <= fractionTolerance;
            }
            if (!equal && answer.indexOf('%') >= 0) {
                equal = Math.abs(v / 100 - g) <= tolerance;
            }
            return Verdict.of(equal, NumberReader.format(v));
        };
    }
}
