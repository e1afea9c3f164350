package io.modomodo.rewards.text;

import java.util.List;
import java.util.Map;

import io.modomodo.rewards.VerifierInputException;

/** Reads typed values out of a verifier's {@code params}, with errors that name the field. */
public final class Params {

    private Params() {
    }

    /** A finite number in [min, max], or {@code fallback} when absent or null. */
    public static double number(Map<String, ?> params, String key, double fallback, double min, double max) {
        Object value = params == null ? null : params.get(key);
        if (value == null) {
            return fallback;
        }
        double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(d >= min && d <= max)) {
            throw new VerifierInputException("params." + key,
                    "params." + key + " must be a number in [" + min + ", " + max + "]");
        }
        return d;
    }

    /** A boolean, or {@code fallback} when absent or null. */
    public static boolean bool(Map<String, ?> params, String key, boolean fallback) {
        Object value = params == null ? null : params.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new VerifierInputException("params." + key, "params." + key + " must be true or false");
    }

    /** Whether {@code key} is present with a non-null value. */
    public static boolean has(Map<String, ?> params, String key) {
        return params != null && params.get(key) != null;
    }

    /** An object of strings by key, or null when absent. */
    public static Map<?, ?> object(Map<String, ?> params, String key) {
        Object value = params == null ? null : params.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new VerifierInputException("params." + key, "params." + key + " must be an object");
    }

    /** A list of exactly {@code size} positive finite numbers, or null when absent. */
    public static double[] positiveNumbers(Map<String, ?> params, String key, int size) {
        Object value = params == null ? null : params.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.size() == size) {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) {
                out[i] = list.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
                if (!(out[i] > 0 && Double.isFinite(out[i]))) {
                    out = null;
                    break;
                }
            }
            if (out != null) {
                return out;
            }
        }
        throw new VerifierInputException("params." + key,
                "params." + key + " must be an array of " + size + " positive numbers");
    }
}
