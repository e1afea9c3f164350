package io.modomodo.policy.grpo;

/** How per-token losses become one number (verl's {@code loss_agg_mode}). */
public enum LossAggregation {
    /** Mean over all valid tokens of the mini-batch (verl's default, DAPO). */
    TOKEN_MEAN,
    /** Mean over sequences of each sequence's token mean (original GRPO). */
    SEQ_MEAN_TOKEN_MEAN,
    /** Sum over all valid tokens divided by (sequences × maximum length) (Dr. GRPO). */
    SEQ_MEAN_TOKEN_SUM_NORM;

    /**
     * Parses a name such as {@code token-mean} (case-insensitive, {@code -} or {@code _}).
     *
     * @throws IllegalArgumentException naming the field and the valid values when the name is unknown
     */
    public static LossAggregation parse(String name) {
        if (name != null) {
            String normalized = name.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            for (LossAggregation value : values()) {
                if (value.name().equals(normalized)) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("lossAggregation must be one of " + validNames() + ", got " + name);
    }

    /** The accepted names, lower case with {@code -}. */
    public static String validNames() {
        return java.util.Arrays.stream(values())
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
