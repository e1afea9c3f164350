package io.modomodo.rewards.verifiers;

import java.util.List;
import java.util.Map;

import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.VerifierParam;
import io.modomodo.rewards.math.MathAnswer;
import io.modomodo.rewards.text.Params;

/**
 * Math equivalence of LaTeX or plain expressions: {@code + - * / ^}, {@code \cdot}, {@code \times},
 * parentheses, {@code \frac}, {@code \dfrac}, {@code \sqrt{}}, {@code \sqrt[n]{}}, {@code \pi}, {@code e},
 * implicit multiplication, variables; equations by their right-hand side; ordered tuples, unordered
 * sets. Expressions with variables are equal when they agree at several fixed random points. Parsing
 * and evaluation are bounded by size, depth and magnitude, never by a timer.
 */
public final class MathVerifier implements Verifier {

    static final double DEFAULT_REL_TOL = 1e-6;
    static final double DEFAULT_ABS_TOL = 1e-9;

    @Override
    public String name() {
        return "math";
    }

    @Override
    public String description() {
        return "Equivalence of LaTeX or plain math expressions, tuples (ordered) and sets (unordered).";
    }

    @Override
    public List<VerifierParam> params() {
        return List.of(
                new VerifierParam("relTol", "number", DEFAULT_REL_TOL, "Tolerance relative to |gold|."),
                new VerifierParam("absTol", "number", DEFAULT_ABS_TOL, "Absolute tolerance."));
    }

    @Override
    public GoldAnswer prepare(Object gold, Map<String, ?> params) {
        double relTol = Params.number(params, "relTol", DEFAULT_REL_TOL, 0, Double.MAX_VALUE);
        double absTol = Params.number(params, "absTol", DEFAULT_ABS_TOL, 0, Double.MAX_VALUE);
        MathAnswer g = MathAnswer.parse(Golds.text(gold));
        if (g == null || !g.hasValue()) {
            throw new VerifierInputException("answer", "answer must be a readable math expression with a finite value");
        }
        return answer -> {
            MathAnswer a = MathAnswer.parse(answer);
            if (a == null) {
                return Verdict.UNREADABLE;
            }
            return Verdict.of(a.equivalentTo(g, absTol, relTol), a.text());
        };
    }
}
