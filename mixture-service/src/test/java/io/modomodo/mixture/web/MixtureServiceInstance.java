package io.modomodo.mixture.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

import io.modomodo.mixture.MixtureServiceApplication;
import io.modomodo.testing.postgres.EmbeddedPostgresCluster;

/**
 * One mixture-service started as a whole application on a random port against a given PostgreSQL
 * database, so a test can stop it and start another on the same database: a restart.
 */
final class MixtureServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    final Http http;

    private MixtureServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    static JdbcConnectionDetails newDatabase() {
        return EmbeddedPostgresCluster.newDatabase();
    }

    static MixtureServiceInstance start(JdbcConnectionDetails database, String trainerUrl, String... extra) {
        // Command-line arguments, because default properties would lose to application.yml.
        List<String> args = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + database.getJdbcUrl(),
                "spring.datasource.username=" + database.getUsername(),
                "spring.datasource.password=" + database.getPassword(),
                "modomodo.mixture.executions.trainer.url=" + trainerUrl,
                "modomodo.mixture.executions.tick=100ms",
                "modomodo.mixture.executions.lease=3s",
                "modomodo.mixture.executions.trainer.read-timeout=5s",
                "modomodo.mixture.bootstrap-members=4",
                "logging.level.io.modomodo=INFO"));
        args.addAll(List.of(extra));
        return new MixtureServiceInstance(new SpringApplicationBuilder(MixtureServiceApplication.class)
                .run(args.stream().map(a -> "--" + a).toArray(String[]::new)));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }
}
