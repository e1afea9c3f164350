package io.modomodo.policy.runtime;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off for the current thread until closed, restoring the previous
 * mode. PyTorch's grad mode is per thread and on by default in threads DJL did not set up (a web
 * server's request threads), so inference that skipped this would build and hold an autograd graph
 * for every forward pass over trainable parameters.
 */
public final class NoGradient implements AutoCloseable {

    private final boolean previous;

    private NoGradient() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** Disables gradient recording until {@link #close()}. */
    public static NoGradient enter() {
        return new NoGradient();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
