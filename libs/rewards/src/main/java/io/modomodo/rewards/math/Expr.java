package io.modomodo.rewards.math;

/** A parsed expression: evaluates to a double given the values of its variables. */
abstract class Expr {

    abstract double eval(double[] vars);

    static final class Const extends Expr {
        final double value;

        Const(double value) {
            this.value = value;
        }

        @Override
        double eval(double[] vars) {
            return value;
        }
    }

    static final class Var extends Expr {
        final int index;

        Var(int index) {
            this.index = index;
        }

        @Override
        double eval(double[] vars) {
            return vars[index];
        }
    }

    static final class Neg extends Expr {
        final Expr e;

        Neg(Expr e) {
            this.e = e;
        }

        @Override
        double eval(double[] vars) {
            return -e.eval(vars);
        }
    }

    static final class Binary extends Expr {
        final char op;
        final Expr a;
        final Expr b;

        Binary(char op, Expr a, Expr b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        double eval(double[] vars) {
            double x = a.eval(vars);
            double y = b.eval(vars);
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> y == 0 ? Double.NaN : x / y;
                default -> power(x, y);
            };
        }

        /** Powers beyond double range are NaN, never a long computation: Math.pow is constant time. */
        private static double power(double x, double y) {
            if (Math.abs(y) > 1e4) {
                return Double.NaN;
            }
            double r = Math.pow(x, y);
            if (Double.isNaN(r) && x < 0) {
                // odd roots of negatives written as powers: (-8)^(1/3)
                double inverse = 1.0 / y;
                long odd = Math.round(inverse);
                if (Math.abs(inverse - odd) < 1e-9 && (odd & 1) == 1) {
                    r = -Math.pow(-x, y);
                }
            }
            return Double.isInfinite(r) ? Double.NaN : r;
        }
    }

    static final class Func extends Expr {
        final String name;
        final Expr arg;

        Func(String name, Expr arg) {
            this.name = name;
            this.arg = arg;
        }

        @Override
        double eval(double[] vars) {
            double x = arg.eval(vars);
            return switch (name) {
                case "sqrt" -> x < 0 ? Double.NaN : Math.sqrt(x);
                case "sin" -> Math.sin(x);
                case "cos" -> Math.cos(x);
                case "tan" -> Math.tan(x);
                case "cot" -> 1.0 / Math.tan(x);
                case "sec" -> 1.0 / Math.cos(x);
                case "csc" -> 1.0 / Math.sin(x);
                case "arcsin" -> Math.asin(x);
                case "arccos" -> Math.acos(x);
                case "arctan" -> Math.atan(x);
                case "ln", "log" -> x <= 0 ? Double.NaN : Math.log(x);
                case "exp" -> Math.exp(x);
                case "abs" -> Math.abs(x);
                default -> Double.NaN;
            };
        }
    }

    static final class Root extends Expr {
        final Expr degree;
        final Expr radicand;

        Root(Expr degree, Expr radicand) {
            this.degree = degree;
            this.radicand = radicand;
        }

        @Override
        double eval(double[] vars) {
            double n = degree.eval(vars);
            double x = radicand.eval(vars);
            if (!(Math.abs(n) >= 1e-9) || Math.abs(n) > 1e4) {
                return Double.NaN;
            }
            if (x < 0) {
                long odd = Math.round(n);
                return n == odd && (odd & 1) == 1 ? -Math.pow(-x, 1.0 / n) : Double.NaN;
            }
            return Math.pow(x, 1.0 / n);
        }
    }
}
