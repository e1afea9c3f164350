/**
 * A real PostgreSQL for integration tests, whatever the machine: a Testcontainers container with
 * {@code @ServiceConnection} when a Docker engine answers, otherwise an embedded PostgreSQL 17 from
 * binaries shipped on Maven Central. Either way Spring Boot's own datasource and Flyway
 * auto-configuration run, so the module's migrations are applied exactly as in production.
 */
package io.modomodo.testing.postgres;
