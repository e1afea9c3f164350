package io.modomodo.rewards;

/**
 * The reward of one response and its components.
 *
 * @param reward    Σ weight·component
 * @param format    1 when the response follows the template, else 0
 * @param accuracy  the verifier's accuracy in [0, 1]
 * @param extracted the answer as the verifier read it, {@code null} when unreadable
 */
public record Score(double reward, double format, double accuracy, String extracted) {

    /** The reward scaled to [0, 1] by the largest reward the weights allow (0 when both weights are 0). */
    public double normalized(Weights weights) {
        double max = weights.maxReward();
        return max > 0 ? reward / max : 0.0;
    }
}
