package io.modomodo.service.engine;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import io.modomodo.policy.runtime.DjlRuntime;

/**
 * Hands {@code modomodo.engine.threads} and {@code modomodo.engine.interop-threads} to PyTorch as the
 * system properties DJL reads when the engine loads ({@value #THREADS_PROPERTY},
 * {@value #INTEROP_THREADS_PROPERTY}). It runs while the environment is prepared, after the
 * configuration files are read and before any bean exists, so no bean can load the engine first.
 *
 * <p>A property already given to the JVM ({@code -Dai.djl.pytorch.num_threads=1}) wins: it is the
 * operator's most specific word, and tests and benchmarks rely on it.
 */
public class EngineThreads implements EnvironmentPostProcessor, Ordered {

    /** What DJL's PyTorch engine reads for intra-op threads. */
    public static final String THREADS_PROPERTY = DjlRuntime.THREADS_PROPERTY;

    /** What DJL's PyTorch engine reads for inter-op threads. */
    public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private final Log log;

    public EngineThreads(DeferredLogFactory logs) {
        this.log = logs.getLog(EngineThreads.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        apply(environment, "modomodo.engine.threads", THREADS_PROPERTY);
        apply(environment, "modomodo.engine.interop-threads", INTEROP_THREADS_PROPERTY);
    }

    private void apply(ConfigurableEnvironment environment, String key, String systemProperty) {
        String configured = environment.getProperty(key);
        if (configured == null || configured.isBlank()) {
            return;
        }
        int threads;
        try {
            threads = Integer.parseInt(configured.trim());
        }
        catch (NumberFormatException ex) {
            throw new IllegalStateException(key + " must be a whole number of threads, got '" + configured + "'");
        }
        if (threads < 1) {
            throw new IllegalStateException(key + " must be at least 1, got " + threads);
        }
        String existing = System.getProperty(systemProperty);
        if (existing != null && !existing.equals(String.valueOf(threads))) {
            log.warn(systemProperty + "=" + existing + " given to the JVM wins over " + key + "=" + threads);
            return;
        }
        System.setProperty(systemProperty, String.valueOf(threads));
    }

    /** After the configuration files are read, so {@code application.yml} and profiles count. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
