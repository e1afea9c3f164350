package io.modomodo.policy.train;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.NoGradient;

/**
 * AdamW (decoupled weight decay) over a {@link VisionLanguagePolicy}'s parameters, with linear
 * warm-up and clipping by global gradient norm. Marks the parameters as requiring gradients.
 *
 * <p>Moments live in the policy's manager for the life of the model (two arrays per parameter, no
 * more); every temporary of an update is created inside an {@link NDScope} and released with it.
 * After each update the gradients are zeroed, since PyTorch accumulates them across backward passes.
 */
public final class AdamW {

    private final VisionLanguagePolicy policy;
    private final OptimizerConfig config;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long step;

    /** An optimizer with zero moments; the parameters start requiring gradients. */
    public AdamW(VisionLanguagePolicy policy, OptimizerConfig config) {
        this.policy = policy;
        this.config = config;
        NDManager manager = policy.manager();
        policy.parameters().forEach((name, parameter) -> {
            parameter.setRequiresGradient(true);
            first.put(name, manager.zeros(parameter.getShape()));
            second.put(name, manager.zeros(parameter.getShape()));
        });
    }

    /** The hyper-parameters. */
    public OptimizerConfig config() {
        return config;
    }

    /** Number of updates applied so far. */
    public long stepCount() {
        return step;
    }

    /** Learning rate the next update will use. */
    public double nextLearningRate() {
        return config.learningRateAt(step + 1);
    }

    /**
     * Applies one update from the accumulated gradients, then zeroes them.
     *
     * @return the global gradient norm before clipping; NaN or infinite when the gradients were not
     *     finite, in which case no update was applied
     */
    public double update() {
        NoGradient noGradient = NoGradient.enter();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            NDArray squares = null;
            for (Map.Entry<String, NDArray> entry : policy.parameters().entrySet()) {
                NDArray gradient = entry.getValue().getGradient();
                gradients.put(entry.getKey(), gradient);
                NDArray sum = gradient.square().sum();
                squares = squares == null ? sum : squares.add(sum);
            }
            double norm = Math.sqrt(squares.getFloat());
            if (!Double.isFinite(norm)) {
                zeroGradients();
                return norm;
            }
            double clip = config.maxGradNorm() > 0 && norm > config.maxGradNorm()
                    ? config.maxGradNorm() / (norm + 1e-6) : 1.0;
            step++;
            double rate = config.learningRateAt(step);
            double correction1 = 1 - Math.pow(config.beta1(), step);
            double correction2 = 1 - Math.pow(config.beta2(), step);
            for (Map.Entry<String, NDArray> entry : policy.parameters().entrySet()) {
                String name = entry.getKey();
                NDArray parameter = entry.getValue();
                NDArray gradient = gradients.get(name);
                if (clip != 1.0) {
                    gradient = gradient.mul(clip);
                }
                first.get(name).muli(config.beta1()).addi(gradient.mul(1 - config.beta1()));
                second.get(name).muli(config.beta2()).addi(gradient.square().muli(1 - config.beta2()));
                if (config.weightDecay() > 0 && parameter.getShape().dimension() > 1) {
                    parameter.muli(1 - rate * config.weightDecay());
                }
                NDArray denominator = second.get(name).div(correction2).sqrt().addi(config.epsilon());
                parameter.subi(first.get(name).mul(rate / correction1).divi(denominator));
            }
            zeroGradients();
            return norm;
        }
        finally {
            noGradient.close();
        }
    }

    /** Discards accumulated gradients without updating. */
    public void zeroGradients() {
        for (NDArray parameter : policy.parameters().values()) {
            if (parameter.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) parameter);
            }
        }
    }

    /** Copies the state to the heap. */
    public OptimizerState state() {
        Map<String, float[]> m = new LinkedHashMap<>();
        Map<String, float[]> v = new LinkedHashMap<>();
        first.forEach((name, array) -> m.put(name, array.toFloatArray()));
        second.forEach((name, array) -> v.put(name, array.toFloatArray()));
        return new OptimizerState(step, m, v);
    }

    /**
     * Restores a saved state.
     *
     * @throws IllegalArgumentException when the state does not match the parameters
     */
    public void restore(OptimizerState state) {
        for (String name : first.keySet()) {
            float[] m = state.firstMoments().get(name);
            float[] v = state.secondMoments().get(name);
            long size = first.get(name).getShape().size();
            if (m == null || v == null || m.length != size || v.length != size) {
                throw new IllegalArgumentException("optimizer state does not match parameter " + name);
            }
        }
        for (String name : first.keySet()) {
            first.get(name).set(state.firstMoments().get(name));
            second.get(name).set(state.secondMoments().get(name));
        }
        step = state.step();
    }
}
