package io.modomodo.policy.grpo;

/** How rewards are scaled after subtracting the group mean (TRL's {@code scale_rewards}). */
public enum ScaleRewards {
    /** Divide by the group's standard deviation (original GRPO, verl's default). */
    GROUP,
    /** Divide by the standard deviation of all rewards of the batch. */
    BATCH,
    /** Do not divide (Dr. GRPO). */
    NONE
}
