package io.modomodo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads docker-compose.yml (anchors and merge keys resolved as compose resolves them) and checks each
 * service against its own files: variables, addresses, database, checkpoint volume, health check. Compose
 * itself cannot run here (no Docker engine).
 */
class ComposeFileTest {

    private static Path root;
    private static Map<String, ServiceConfig> configs;
    private static Map<String, Map<String, Object>> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() {
        root = Repo.root();
        configs = ServiceConfig.loadAll(root);
        Map<String, Object> file = new Yaml().load(ServiceConfig.read(root.resolve("docker-compose.yml")));
        compose = (Map<String, Map<String, Object>>) file.get("services");
    }

    @Test
    void runsPostgresAndTheFiveServices() {
        List<String> expected = new ArrayList<>(ServiceConfig.SERVICES);
        expected.add("postgres");
        assertThat(compose).containsOnlyKeys(expected);
    }

    @Test
    void setsOnlyVariablesEachServiceReads() {
        for (ServiceConfig service : configs.values()) {
            for (String variable : environment(service.name()).keySet()) {
                assertThat(ProcessVariables.readBy(service, variable))
                        .as("compose %s: %s is a variable it reads", service.name(), variable).isTrue();
            }
        }
    }

    @Test
    void pointsServiceAddressesAtComposeServicesOnThePortsTheyServe() {
        int addresses = 0;
        for (ServiceConfig service : configs.values()) {
            for (Map.Entry<String, String> env : environment(service.name()).entrySet()) {
                if (!env.getValue().startsWith("http")) {
                    continue;
                }
                URI uri = URI.create(env.getValue());
                assertThat(configs).as("%s: %s names a service", service.name(), env.getKey()).containsKey(uri.getHost());
                assertThat(List.of(env.getKey().split("_"))).as("%s names the service it points at", env.getKey())
                        .contains(uri.getHost().replace("-service", "").toUpperCase(Locale.ROOT));
                assertThat(uri.getPort()).as("%s: %s port", service.name(), env.getKey())
                        .isEqualTo(configs.get(uri.getHost()).port());
                addresses++;
            }
        }
        assertThat(addresses).isGreaterThanOrEqualTo(6);
    }

    @Test
    void givesEachDatabaseServiceItsOwnDatabaseAsInitSqlCreatesIt() {
        String initSql = ServiceConfig.read(root.resolve("deploy/postgres/init.sql")).replaceAll("\\s+", " ");
        for (ServiceConfig service : configs.values()) {
            boolean hasDatabase = service.string("spring.datasource.url") != null;
            Map<String, String> env = environment(service.name());
            assertThat(env.containsKey("SPRING_DATASOURCE_URL")).as("%s datasource", service.name()).isEqualTo(hasDatabase);
            if (!hasDatabase) {
                continue;
            }
            URI url = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
            assertThat(url.getHost()).isEqualTo("postgres");
            String database = url.getPath().substring(1);
            assertThat(database).isEqualTo(service.string("spring.datasource.url").replaceAll(".*/", ""));
            String user = env.get("SPRING_DATASOURCE_USERNAME");
            assertThat(initSql).contains("CREATE USER " + user + " PASSWORD '" + env.get("SPRING_DATASOURCE_PASSWORD") + "'")
                    .contains("CREATE DATABASE " + database + " OWNER " + user);
            assertThat(dependsOn(service.name())).containsEntry("postgres", "service_healthy");
        }
    }

    @Test
    void sharesOneCheckpointVolumeMountedWhereTrainerAndRolloutLookForIt() {
        String trainer = volumeAt("trainer-service", environment("trainer-service").get("MODOMODO_TRAINER_CHECKPOINTDIR"));
        String rollout = volumeAt("rollout-service", environment("rollout-service").get("MODOMODO_ROLLOUT_CHECKPOINTDIR"));
        assertThat(trainer).isEqualTo(rollout).doesNotStartWith(".").doesNotStartWith("/");
        assertThat(mountMode("trainer-service", trainer)).isNotEqualTo("ro");
        assertThat(mountMode("rollout-service", rollout)).isEqualTo("ro");
    }

    @Test
    @SuppressWarnings("unchecked")
    void checksEachServiceReadinessOnThePortItServes() {
        for (ServiceConfig service : configs.values()) {
            Map<?, ?> health = (Map<?, ?>) compose.get(service.name()).get("healthcheck");
            assertThat(health).as("%s healthcheck", service.name()).isNotNull();
            String test = String.join(" ", ((List<?>) health.get("test")).stream().map(String::valueOf).toList());
            assertThat(test).contains("/dev/tcp/localhost/" + service.port() + " ")
                    .contains("GET /actuator/health/readiness ");
            assertThat(compose.get(service.name())).containsEntry("read_only", true);
            assertThat((List<Object>) compose.get(service.name()).get("tmpfs")).contains("/tmp");
        }
        assertThat((List<Object>) compose.get("gateway").get("ports")).containsExactly(
                configs.get("gateway").port() + ":" + configs.get("gateway").port());
        for (String service : configs.keySet()) {
            if (!service.equals("gateway")) {
                assertThat(compose.get(service)).as("%s publishes no port", service).doesNotContainKey("ports");
            }
        }
    }

    private static Map<String, String> environment(String service) {
        Object env = compose.get(service).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> variables.put(String.valueOf(k), String.valueOf(v)));
        }
        else if (env instanceof List<?> list) {
            for (Object item : list) {
                String[] parts = String.valueOf(item).split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return variables;
    }

    private static Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        Object value = compose.get(service).get("depends_on");
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> conditions.put(String.valueOf(k), String.valueOf(((Map<?, ?>) v).get("condition"))));
        }
        return conditions;
    }

    private static String volumeAt(String service, String path) {
        assertThat(path).as("%s checkpoint dir", service).isNotNull();
        for (Object volume : (List<?>) compose.get(service).get("volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts[1].equals(path)) {
                return parts[0];
            }
        }
        throw new AssertionError(service + ": no volume at " + path);
    }

    private static String mountMode(String service, String volume) {
        for (Object entry : (List<?>) compose.get(service).get("volumes")) {
            String[] parts = String.valueOf(entry).split(":");
            if (parts[0].equals(volume)) {
                return parts.length > 2 ? parts[2] : "rw";
            }
        }
        return null;
    }
}
