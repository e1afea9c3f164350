package io.modomodo.policy.runtime;

import ai.djl.ndarray.NDArray;

/**
 * Arrays made from Java data, moved into memory PyTorch allocated itself.
 *
 * <p>DJL wraps an array made from Java data around the native buffer it copied the data into, which
 * lives wherever the process's allocator put it: with the allocator settings the platform runs with
 * ({@code io.modomodo.api.runtime.NativeMemory}), 16-byte aligned at an offset that differs from run to
 * run. Some of PyTorch's CPU kernels round differently by alignment, so two copies of one policy given
 * the same batches drifted apart after a few updates, and a resumed job would not have ended with the
 * weights of an uninterrupted one. PyTorch's own allocations are 64-byte aligned, so a copy made by the
 * engine computes the same bits wherever it lands. Weights, images, masks and the per-token data of an
 * update go through here; index arrays, which no arithmetic reads, need not.
 */
public final class EngineArrays {

    private EngineArrays() {
    }

    /** A copy of {@code array} in PyTorch's memory, with its name, in its manager; {@code array} is closed. */
    public static NDArray owned(NDArray array) {
        NDArray owned = array.duplicate();
        owned.setName(array.getName());
        array.close();
        return owned;
    }
}
