package io.modomodo.rewards.math;

import java.util.List;

/**
 * One parsed expression and its values at the fixed sample points. Variables take deterministic
 * pseudo-random values derived from their names, so two expressions that use the same names are
 * compared at the same points, and results never depend on timing or order.
 */
final class MathExpression {

    /** Number of sample points for expressions with variables. */
    static final int POINTS = 8;

    private final double[] values;
    private final boolean constant;
    /** A constant that is ±∞ because it was written so ({@code \infty}), not because it overflowed. */
    private final boolean infinite;

    private MathExpression(double[] values, boolean constant) {
        this.values = values;
        this.constant = constant;
        this.infinite = false;
    }

    private MathExpression(double value, boolean infinity) {
        this.values = new double[] {value};
        this.constant = true;
        this.infinite = infinity && Double.isInfinite(value);
    }

    /** Parses {@code s[from, to)}; null when it is not an expression. */
    static MathExpression parse(String s, int from, int to) {
        Parser parser = new Parser(s, from, to);
        Expr root;
        try {
            root = parser.parseAll();
        }
        catch (Parser.Failure | StackOverflowError ex) {
            return null;
        }
        List<String> names = parser.names;
        if (names.isEmpty()) {
            return new MathExpression(root.eval(new double[0]), parser.infinity);
        }
        double[] vars = new double[names.size()];
        double[] values = new double[POINTS];
        for (int k = 0; k < POINTS; k++) {
            for (int v = 0; v < vars.length; v++) {
                vars[v] = sample(names.get(v), k);
            }
            values[k] = root.eval(vars);
        }
        return new MathExpression(values, false);
    }

    /** Whether the expression has a finite value (at one point at least, for expressions with variables). */
    boolean hasValue() {
        if (infinite) {
            return true;
        }
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** Numerically equal: within max(absTol, relTol·|gold|) at every point where the gold is defined. */
    boolean equalTo(MathExpression gold, double absTol, double relTol) {
        if (infinite || gold.infinite) {
            return infinite && gold.infinite && values[0] == gold.values[0];
        }
        if (constant && gold.constant) {
            return close(values[0], gold.values[0], absTol, relTol);
        }
        int compared = 0;
        for (int k = 0; k < POINTS; k++) {
            double g = gold.values[gold.constant ? 0 : k];
            double a = values[constant ? 0 : k];
            if (!Double.isFinite(g)) {
                continue; // outside the gold's domain: no evidence either way
            }
            if (!close(a, g, absTol, relTol)) {
                return false;
            }
            compared++;
        }
        return compared >= 2;
    }

    private static boolean close(double a, double g, double absTol, double relTol) {
        return Double.isFinite(a) && Double.isFinite(g) && Math.abs(a - g) <= Math.max(absTol, relTol * Math.abs(g));
    }

    /** A value in [0.4, 2.7) for variable {@code name} at point {@code k}: SplitMix64 of both. */
    static double sample(String name, int k) {
        long z = name.hashCode() * 0x9E3779B97F4A7C15L + (k + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        double u = (z >>> 11) * 0x1.0p-53;
        return 0.4 + 2.3 * u;
    }
}
