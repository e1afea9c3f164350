package io.modomodo.trainer;

    import io.modomodo.policy.runtime.DjlRuntime;

import org.springframework.boot.SpringApplication;
    import org.springframework.boot.autoconfigure.SpringBootApplication;
    import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

    /** Online GRPO training jobs on weighted mixtures of domains. */
    @SpringBootApplication
    @ConfigurationPropertiesScan
    public class TrainerServiceApplication {

        public static void main(String[] args) {
            DjlRuntime.requireOfflineNativeEngine();
        SpringApplication.run(TrainerServiceApplication.class, args);
        }
    }
