package io.modomodo.policy.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Starts the PyTorch engine offline. DJL, left to itself, downloads libtorch when it finds no native
 * library; on a machine without internet that surfaces minutes later as a network error. Here the
 * native jar must be on the classpath, and when it is not the failure says so at once.
 */
public final class DjlRuntime {

    /** Property DJL reads for PyTorch's intra-op thread count when the engine starts. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private static final ThreadLocal<Boolean> THREADS_APPLIED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Property DJL reads to decide whether it may download engines and models. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    /** Present in every {@code ai.djl.pytorch:pytorch-native-*} jar (CPU and CUDA flavours). */
    static final String NATIVE_LIBRARY_MARKER = "native/lib/pytorch.properties";

    private DjlRuntime() {
    }

    /**
     * Forbids downloads (unless the operator explicitly allowed them) and checks that a native
     * library is on the classpath. Call before anything touches {@link Engine}.
     *
     * @throws IllegalStateException naming the missing artifact when no native library is found
     */
    public static void requireOfflineNativeEngine() {
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
        requireNativeLibrary(DjlRuntime.class.getClassLoader());
    }

    static void requireNativeLibrary(ClassLoader classLoader) {
        if (classLoader.getResource(NATIVE_LIBRARY_MARKER) == null) {
            throw new IllegalStateException("The PyTorch native library is not on the classpath. Add "
                    + "ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64) or a CUDA flavour as a "
                    + "runtime dependency; MoDoMoDo runs DJL offline (" + OFFLINE_PROPERTY
                    + "=true) and never downloads libtorch.");
        }
    }

    /**
     * Gives the calling thread the intra-op thread count configured in {@value #THREADS_PROPERTY}. DJL
     * applies it once, on the thread that starts the engine, but OpenMP keeps the count per thread: a
     * worker thread (a job's runner, the rollout-service's batcher) otherwise runs its matrix products
     * on every core. Two services sharing two cores then stall each other, and the products sum in
     * another order, so a run no longer matches the same run on one thread bit for bit. Every entry
     * point of the library that computes calls this; after the first call on a thread it costs a
     * thread-local read. Without the property, PyTorch's defaults stay.
     */
    public static void useConfiguredThreads() {
        if (THREADS_APPLIED.get()) {
            return;
        }
        THREADS_APPLIED.set(Boolean.TRUE);
        Integer threads = configuredThreads();
        if (threads != null) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
    }

    /** The intra-op thread count configured in {@value #THREADS_PROPERTY}, or null when absent or not a positive number. */
    public static Integer configuredThreads() {
        String configured = System.getProperty(THREADS_PROPERTY);
        if (configured == null) {
            return null;
        }
        try {
            int threads = Integer.parseInt(configured.trim());
            return threads > 0 ? threads : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The device work should run on: the first GPU when DJL reports one, the CPU otherwise. */
    public static Device preferredDevice() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /**
     * Loads the engine and runs one small matrix multiply, so that the seconds of native extraction
     * and first-kernel dispatch are paid at start-up rather than by the first request.
     */
    public static EngineInfo warmUp() {
        requireOfflineNativeEngine();
        long start = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        try (NDManager manager = NDManager.newBaseManager(device, engine.getEngineName())) {
            NDArray product = manager.ones(new ai.djl.ndarray.types.Shape(64, 64))
                    .matMul(manager.ones(new ai.djl.ndarray.types.Shape(64, 64)));
            if (product.getFloat(0, 0) != 64f) {
                throw new IllegalStateException("PyTorch engine warm-up computed a wrong product");
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new EngineInfo(engine.getEngineName(), engine.getVersion(), device.toString(), engine.getGpuCount(),
                millis);
    }

    /** What the warm-up found, for logs and the health endpoint. */
    public record EngineInfo(String engine, String version, String device, int gpuCount, long warmUpMillis) {
    }
}
