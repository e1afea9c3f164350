package io.modomodo.rollout;

    import io.modomodo.policy.runtime.DjlRuntime;

import org.springframework.boot.SpringApplication;
    import org.springframework.boot.autoconfigure.SpringBootApplication;
    import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

    /** Samples completions from a policy version. */
    @SpringBootApplication
    @ConfigurationPropertiesScan
    public class RolloutServiceApplication {

        public static void main(String[] args) {
            DjlRuntime.requireOfflineNativeEngine();
        SpringApplication.run(RolloutServiceApplication.class, args);
        }
    }
