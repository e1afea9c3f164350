package io.modomodo.mixtures.surrogate;

/**
 * {@code f(w) = a + bᵀw + wᵀCw} with a symmetric {@code C}. Immutable; arrays are copied in and out.
 * A linear surrogate is the special case {@code C = 0}.
 */
public final class QuadraticForm {

    private final double a;
    private final double[] b;
    private final double[][] c;
    /** C = 0: value and gradient skip the m² loop (explore evaluates linear ensembles millions of times). */
    private final boolean linear;

    /** Builds the form; {@code c} is symmetrised as {@code (C + Cᵀ)/2}, which leaves f unchanged. */
    public QuadraticForm(double a, double[] b, double[][] c) {
        int m = b.length;
        if (c.length != m) {
            throw new IllegalArgumentException("C must be " + m + "×" + m);
        }
        this.a = a;
        this.b = b.clone();
        this.c = new double[m][m];
        for (int i = 0; i < m; i++) {
            if (c[i].length != m) {
                throw new IllegalArgumentException("C must be " + m + "×" + m);
            }
            for (int j = 0; j < m; j++) {
                this.c[i][j] = 0.5 * (c[i][j] + c[j][i]);
            }
        }
        boolean zero = true;
        for (int i = 0; i < m && zero; i++) {
            for (int j = 0; j < m && zero; j++) {
                zero = this.c[i][j] == 0;
            }
        }
        this.linear = zero;
    }

    public int dimension() {
        return b.length;
    }

    public double a() {
        return a;
    }

    public double[] b() {
        return b.clone();
    }

    public double b(int i) {
        return b[i];
    }

    public double c(int i, int j) {
        return c[i][j];
    }

    public double[][] c() {
        double[][] copy = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            copy[i] = c[i].clone();
        }
        return copy;
    }

    /** f(w). */
    public double value(double[] w) {
        double s = a;
        if (linear) {
            for (int i = 0; i < b.length; i++) {
                s += w[i] * b[i];
            }
            return s;
        }
        for (int i = 0; i < b.length; i++) {
            double ci = 0;
            double[] row = c[i];
            for (int j = 0; j < b.length; j++) {
                ci += row[j] * w[j];
            }
            s += w[i] * (b[i] + ci);
        }
        return s;
    }

    /** ∇f(w) = b + 2Cw. */
    public double[] gradient(double[] w) {
        double[] g = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double ci = 0;
            for (int j = 0; j < b.length; j++) {
                ci += c[i][j] * w[j];
            }
            g[i] = b[i] + 2 * ci;
        }
        return g;
    }

    /** The coefficient-wise mean of equally sized forms (the mean prediction of an ensemble). */
    public static QuadraticForm mean(java.util.List<QuadraticForm> forms) {
        int m = forms.get(0).dimension();
        double a = 0;
        double[] b = new double[m];
        double[][] c = new double[m][m];
        for (QuadraticForm f : forms) {
            a += f.a;
            for (int i = 0; i < m; i++) {
                b[i] += f.b[i];
                for (int j = 0; j < m; j++) {
                    c[i][j] += f.c[i][j];
                }
            }
        }
        int k = forms.size();
        for (int i = 0; i < m; i++) {
            b[i] /= k;
            for (int j = 0; j < m; j++) {
                c[i][j] /= k;
            }
        }
        return new QuadraticForm(a / k, b, c);
    }
}
