package io.modomodo.policy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.pytorch.jni.JniUtils;
import io.modomodo.policy.TinyModels;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.model.VisionLanguagePolicy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DjlRuntimeTest {

    @Test
    void refusesToStartWithoutTheNativeLibraryAndNamesTheArtifact() {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatIllegalStateException().isThrownBy(() -> DjlRuntime.requireNativeLibrary(empty))
                    .withMessageContaining("pytorch-native-cpu")
                    .withMessageContaining("never downloads");
        }
        catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void warmsUpOfflineOnTheCpu() {
        DjlRuntime.EngineInfo info = DjlRuntime.warmUp();
        assertThat(System.getProperty(DjlRuntime.OFFLINE_PROPERTY)).isEqualTo("true");
        assertThat(info.engine()).isEqualTo("PyTorch");
        assertThat(info.version()).startsWith("2.7.1");
        assertThat(info.device()).isEqualTo(info.gpuCount() > 0 ? "gpu(0)" : "cpu()");
    }

    @Test
    void aWorkerThreadThatGeneratesRunsPyTorchWithTheConfiguredThreadCount() throws Exception {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
                "on one core every thread already runs one intra-op thread");
        DjlRuntime.warmUp();
        String before = System.getProperty(DjlRuntime.THREADS_PROPERTY);
        System.setProperty(DjlRuntime.THREADS_PROPERTY, "1");
        AtomicInteger untouched = new AtomicInteger();
        AtomicInteger afterGenerating = new AtomicInteger();
        try (VisionLanguagePolicy policy = TinyModels.model(3)) {
            // A fresh thread, as a service's worker is: what OpenMP gives it before the library runs.
            CompletableFuture.runAsync(() -> untouched.set(JniUtils.getNumThreads()), runnable -> new Thread(runnable).start())
                    .get();
            CompletableFuture.runAsync(() -> {
                new Generator(policy).generate(List.of(new GenerationInput(TinyModels.noise(16, 1),
                        policy.encodePrompt("hi"))), SamplingOptions.of(2, 5));
                afterGenerating.set(JniUtils.getNumThreads());
            }, runnable -> new Thread(runnable).start()).get();
        }
        finally {
            if (before == null) {
                System.clearProperty(DjlRuntime.THREADS_PROPERTY);
            }
            else {
                System.setProperty(DjlRuntime.THREADS_PROPERTY, before);
            }
        }
        // The premise: without the library's call, a new thread would use every core.
        assertThat(untouched.get()).isGreaterThan(1);
        assertThat(afterGenerating.get()).isEqualTo(1);
    }
}
