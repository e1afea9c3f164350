package io.modomodo.api.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a JVM that runs PyTorch should start with: glibc allocator settings, and OpenMP's
 * thread count. They are read once when the process starts, so the launchers set them (the
 * {@code modomodo} script and {@code Platform}, the container image and the Kubernetes manifests, the
 * build's test JVMs) and a service only checks them and says what is missing.
 *
 * <p>Why: PyTorch allocates and frees its activations, caches and outputs with {@code malloc} at every
 * call. On a thread other than the process's first one (every worker thread of a service), glibc serves
 * them from per-thread arenas whose heaps it unmaps as soon as they empty, so every call takes its
 * memory back from the kernel page by page. One arena, which grows by {@code brk} and is kept, with
 * thresholds that keep large buffers in it, made sampling in the rollout-service 2.6× faster on the
 * 2-core machine (docs/benchmarks.md, "A GRPO step through the services vs in process").
 *
 * <p>{@code OMP_NUM_THREADS}: the services set PyTorch's intra-op threads on every thread that computes,
 * but only the variable makes a worker thread sum its products exactly as a one-thread run does, so that
 * a step through the services draws the same tokens as the same step in process.
 */
public final class NativeMemory {

    /** Variable name → value. */
    public static final Map<String, String> ENVIRONMENT;

    static {
        Map<String, String> environment = new LinkedHashMap<>();
        // Every thread allocates from the main arena, which is never unmapped piecemeal.
        environment.put("MALLOC_ARENA_MAX", "1");
        // Buffers up to 256 MiB (a batch's key/value cache) come from that arena rather than a fresh
        // mmap, and up to 1 GiB of free memory at its top is kept for the next call.
        environment.put("MALLOC_MMAP_THRESHOLD_", "268435456");
        environment.put("MALLOC_TRIM_THRESHOLD_", "1073741824");
        ENVIRONMENT = java.util.Collections.unmodifiableMap(environment);
    }

    private NativeMemory() {
    }

    /** OpenMP's thread count variable. */
    public static final String OMP_THREADS = "OMP_NUM_THREADS";

    /** {@link #ENVIRONMENT}, and {@value #OMP_THREADS} when {@code threads} (PyTorch's intra-op threads) is set. */
    public static Map<String, String> environment(Integer threads) {
        Map<String, String> environment = new LinkedHashMap<>(ENVIRONMENT);
        if (threads != null) {
            environment.put(OMP_THREADS, threads.toString());
        }
        return environment;
    }

    /**
     * What {@code environment} lacks of {@link #environment(Integer)} or sets otherwise, as {@code NAME=value}
     * to set.
     */
    public static List<String> missing(Map<String, String> environment, Integer threads) {
        List<String> missing = new ArrayList<>();
        environment(threads).forEach((name, value) -> {
            if (!value.equals(environment.get(name))) {
                missing.add(name + "=" + value);
            }
        });
        return missing;
    }
}
