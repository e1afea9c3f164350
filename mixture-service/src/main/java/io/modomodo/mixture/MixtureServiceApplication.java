package io.modomodo.mixture;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Studies, run outcomes, surrogate fits and mixture proposals. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MixtureServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MixtureServiceApplication.class, args);
    }
}
