package io.modomodo.policy.grpo;

/** How per-token losses become one number (verl's {@code loss_agg_mode}). */
public enum LossAggregation {
    /** Mean over all valid tokens of the mini-batch (verl's default, DAPO). */
    TOKEN_MEAN,
    /** Mean over sequences of each sequence's token mean (original GRPO). */
    SEQ_MEAN_TOKEN_MEAN,
    /** Sum over all valid tokens divided by (sequences × maximum length) (Dr. GRPO). */
    SEQ_MEAN_TOKEN_SUM_NORM
}
