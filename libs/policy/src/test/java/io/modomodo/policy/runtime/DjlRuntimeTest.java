package io.modomodo.policy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URL;
import java.net.URLClassLoader;

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
}
