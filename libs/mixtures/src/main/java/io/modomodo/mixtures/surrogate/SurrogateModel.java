package io.modomodo.mixtures.surrogate;

import java.util.Arrays;
import java.util.Optional;

/**
 * The surrogate families, in Scheffé form: without an intercept, because on the simplex
 * {@code Σ w_i = 1} an intercept is already a combination of the linear terms. Written this way the
 * coefficients are identifiable, which {@code a + bᵀw + wᵀCw} with a full C is not.
 */
public enum SurrogateModel {

    /** {@code Σ β_i w_i}: m parameters. */
    LINEAR("linear"),
    /** {@code Σ β_i w_i + Σ_{i<j} β_ij w_i w_j}: m(m+1)/2 parameters. */
    QUADRATIC("quadratic");

    private final String apiName;

    SurrogateModel(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The model with this API name, if any. */
    public static Optional<SurrogateModel> fromName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
    }

    /** How many coefficients the model has over m domains; also the fewest runs that can fit it. */
    public int parameterCount(int m) {
        return this == LINEAR ? m : m + m * (m - 1) / 2;
    }

    /** The model's regressors at w: w_i, then (quadratic only) w_i w_j for i &lt; j in row order. */
    public double[] features(double[] w) {
        int m = w.length;
        double[] x = new double[parameterCount(m)];
        System.arraycopy(w, 0, x, 0, m);
        if (this == QUADRATIC) {
            int k = m;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    x[k++] = w[i] * w[j];
                }
            }
        }
        return x;
    }

    /**
     * Reads Scheffé coefficients β as {@code a + bᵀw + wᵀCw}: {@code a = 0}, {@code b_i = β_i},
     * {@code C_ij = C_ji = β_ij / 2} for i ≠ j and {@code C_ii = 0}. On the simplex this is the same
     * function; it is one of many equivalent (a, b, C), chosen because it needs no arbitrary split of
     * the constant between a and b, nor of w_i² = w_i(1 − Σ_{j≠i} w_j) between b and C.
     */
    public QuadraticForm toQuadraticForm(double[] beta, int m) {
        double[] b = Arrays.copyOf(beta, m);
        double[][] c = new double[m][m];
        if (this == QUADRATIC) {
            int k = m;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    c[i][j] = beta[k] / 2;
                    c[j][i] = beta[k] / 2;
                    k++;
                }
            }
        }
        return new QuadraticForm(0, b, c);
    }
}
