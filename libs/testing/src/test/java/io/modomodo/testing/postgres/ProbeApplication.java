package io.modomodo.testing.postgres;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest JPA + Flyway application: what a service module looks like to {@link RealPostgres}. */
@SpringBootApplication
class ProbeApplication {
}
