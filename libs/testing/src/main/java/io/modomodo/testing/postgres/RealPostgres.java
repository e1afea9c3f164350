package io.modomodo.testing.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Put on a {@code @SpringBootTest} to run it against a real PostgreSQL with the module's Flyway
 * migrations applied: a container when Docker answers, an embedded server otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(RealPostgresConfiguration.class)
public @interface RealPostgres {
}
