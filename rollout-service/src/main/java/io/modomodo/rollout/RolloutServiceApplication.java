package io.modomodo.rollout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.modomodo.policy.runtime.DjlRuntime;

/** Samples completions from a policy version. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RolloutServiceApplication {

    public static void main(String[] args) {
        DjlRuntime.requireOfflineNativeEngine();
        SpringApplication.run(RolloutServiceApplication.class, args);
    }
}
