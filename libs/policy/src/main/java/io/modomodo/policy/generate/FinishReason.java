package io.modomodo.policy.generate;

/** Why a completion ended. */
public enum FinishReason {
    /** The model produced eos or a stop string. */
    STOP,
    /** The completion reached the maximum number of new tokens (or the model's context). */
    LENGTH
}
