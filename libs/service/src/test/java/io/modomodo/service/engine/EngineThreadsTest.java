package io.modomodo.service.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.mock.env.MockEnvironment;

class EngineThreadsTest {

    static final DeferredLogFactory LOGS = new DeferredLogFactory() {
        @Override
        public Log getLog(Supplier<Log> destination) {
            return destination.get();
        }
    };

    String savedThreads;
    String savedInterop;

    @BeforeEach
    void save() {
        savedThreads = System.clearProperty(EngineThreads.THREADS_PROPERTY);
        savedInterop = System.clearProperty(EngineThreads.INTEROP_THREADS_PROPERTY);
    }

    @AfterEach
    void restore() {
        restore(EngineThreads.THREADS_PROPERTY, savedThreads);
        restore(EngineThreads.INTEROP_THREADS_PROPERTY, savedInterop);
    }

    @Test
    void handsTheConfiguredThreadsToPyTorch() {
        new EngineThreads(LOGS).postProcessEnvironment(new MockEnvironment()
                .withProperty("modomodo.engine.threads", "1")
                .withProperty("modomodo.engine.interop-threads", "2"), null);
        assertThat(System.getProperty(EngineThreads.THREADS_PROPERTY)).isEqualTo("1");
        assertThat(System.getProperty(EngineThreads.INTEROP_THREADS_PROPERTY)).isEqualTo("2");
    }

    @Test
    void leavesPyTorchsDefaultWhenNothingIsConfigured() {
        new EngineThreads(LOGS).postProcessEnvironment(new MockEnvironment(), null);
        assertThat(System.getProperty(EngineThreads.THREADS_PROPERTY)).isNull();
    }

    @Test
    void aJvmPropertyWinsOverConfiguration() {
        System.setProperty(EngineThreads.THREADS_PROPERTY, "3");
        new EngineThreads(LOGS).postProcessEnvironment(new MockEnvironment()
                .withProperty("modomodo.engine.threads", "1"), null);
        assertThat(System.getProperty(EngineThreads.THREADS_PROPERTY)).isEqualTo("3");
    }

    @Test
    void refusesANonPositiveOrNonNumericCount() {
        assertThatThrownBy(() -> new EngineThreads(LOGS).postProcessEnvironment(new MockEnvironment()
                .withProperty("modomodo.engine.threads", "0"), null)).hasMessageContaining("modomodo.engine.threads");
        assertThatThrownBy(() -> new EngineThreads(LOGS).postProcessEnvironment(new MockEnvironment()
                .withProperty("modomodo.engine.threads", "two"), null)).hasMessageContaining("two");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        }
        else {
            System.setProperty(key, value);
        }
    }
}
