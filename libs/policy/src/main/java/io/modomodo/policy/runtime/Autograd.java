package io.modomodo.policy.runtime;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;

/**
 * Runs a forward and backward pass under DJL's gradient collector. The PyTorch engine allows one
 * collector at a time per JVM (a second one throws), so the passes of trainers in different threads
 * (several jobs in one JVM) take turns here instead of failing; the optimizer updates that follow run
 * outside the lock.
 */
public final class Autograd {

    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private Autograd() {
    }

    /**
     * Calls {@code body} with an open collector and returns its result. The body records the forward
     * pass and calls {@link GradientCollector#backward}; gradients accumulate on the parameters.
     */
    public static <T> T record(Function<GradientCollector, T> body) {
        LOCK.lock();
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            return body.apply(collector);
        }
        finally {
            LOCK.unlock();
        }
    }
}
