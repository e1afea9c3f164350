package io.modomodo.testing.postgres;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Supplies the connection details of a real PostgreSQL; Boot's datasource and Flyway
 * auto-configuration do the rest. Use it through {@link RealPostgres}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealPostgresConfiguration {

    static final DockerImageName IMAGE = DockerImageName.parse("postgres:17-alpine");

    @Bean
    @ServiceConnection
    @Conditional(DockerSelected.class)
    PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer(IMAGE);
    }

    @Bean
    @Conditional(EmbeddedSelected.class)
    JdbcConnectionDetails embeddedPostgresConnectionDetails() {
        return EmbeddedPostgresCluster.newDatabase();
    }

    static final class DockerSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return PostgresBackend.selected() == PostgresBackend.DOCKER;
        }
    }

    static final class EmbeddedSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return PostgresBackend.selected() == PostgresBackend.EMBEDDED;
        }
    }
}
