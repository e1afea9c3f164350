package io.modomodo.api.trainer;

/**
 * Where a step's time went.
 *
 * @param sample drawing prompts from the mixture
 * @param rollout the rollout-service call
 * @param reward the reward-service call
 * @param update the GRPO update
 * @param publish writing the new weights (and a checkpoint when due)
 * @param total the whole step
 */
public record PhaseSeconds(double sample, double rollout, double reward, double update, double publish,
        double total) {
}
