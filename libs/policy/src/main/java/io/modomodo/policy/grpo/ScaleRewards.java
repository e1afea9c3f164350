package io.modomodo.policy.grpo;

/** How rewards are scaled after subtracting the group mean (TRL's {@code scale_rewards}). */
public enum ScaleRewards {
    /** Divide by the group's standard deviation (original GRPO, verl's default). */
    GROUP,
    /** Divide by the standard deviation of all rewards of the batch. */
    BATCH,
    /** Do not divide (Dr. GRPO). */
    NONE;

    /**
     * Parses a name such as {@code group} (case-insensitive, {@code -} or {@code _}).
     *
     * @throws IllegalArgumentException naming the field and the valid values when the name is unknown
     */
    public static ScaleRewards parse(String name) {
        if (name != null) {
            String normalized = name.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            for (ScaleRewards value : values()) {
                if (value.name().equals(normalized)) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("scaleRewards must be one of " + validNames() + ", got " + name);
    }

    /** The accepted names, lower case with {@code -}. */
    public static String validNames() {
        return java.util.Arrays.stream(values())
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
