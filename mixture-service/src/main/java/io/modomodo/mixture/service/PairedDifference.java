package io.modomodo.mixture.service;

import java.util.List;

/**
 * The mean of paired differences with its two-sided 95 % Student-t interval: mean ± t(0.975, n−1)·s/√n,
 * s the sample standard deviation. With one pair there is no interval.
 */
record PairedDifference(int n, double mean, Double low, Double high) {

    /** t(0.975, df) for df = 1..30; beyond, the normal 1.96 is within 2 % of it. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    static PairedDifference of(List<Double> differences) {
        int n = differences.size();
        if (n == 0) {
            throw new IllegalArgumentException("no pairs");
        }
        double mean = differences.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (n < 2) {
            return new PairedDifference(n, mean, null, null);
        }
        double ss = 0;
        for (double d : differences) {
            ss += (d - mean) * (d - mean);
        }
        double half = t975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new PairedDifference(n, mean, mean - half, mean + half);
    }

    static double t975(int df) {
        return df <= T975.length ? T975[df - 1] : 1.96;
    }
}
