package io.modomodo.local.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modomodo.local.CliException;

/**
 * The platform with real children: the embedded PostgreSQL and the reward-service jar (the same jar
 * that is deployed), started, found ready, and stopped with nothing left running.
 */
class PlatformIT {

    @TempDir
    Path work;

    private final StringWriter output = new StringWriter();

    private PlatformConfig config(int portBase) {
        Path repository = Path.of(System.getProperty("modomodo.repository", "..")).toAbsolutePath().normalize();
        return new PlatformConfig(repository, work, portBase, List.of(ServiceSpec.REWARD), PlatformConfig.currentJava(),
                Duration.ofMinutes(8), Duration.ofSeconds(30));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void startsPostgresAndTheServiceWaitsForReadinessAndStopsEveryProcessFreeingThePorts() throws Exception {
        int portBase = FreePorts.portBase();
        int rewardPort = ServiceSpec.REWARD.port(portBase);
        long rewardPid;
        long postgresPid;
        int postgresPort;
        try (Platform platform = Platform.start(config(portBase), new PrintWriter(output, true))) {
            // Ready means ready: the service answers UP the moment start returns, without a retry.
            assertThat(ServiceProcess.readinessOf(rewardPort)).isEqualTo("UP");
            ServiceProcess reward = platform.children().get(0);
            rewardPid = reward.pid();
            postgresPid = platform.database().orElseThrow().pid();
            postgresPort = platform.database().orElseThrow().port();
            assertThat(alive(rewardPid)).isTrue();
            assertThat(alive(postgresPid)).isTrue();
            assertThat(PortCheck.isFree(rewardPort)).isFalse();
            assertThat(Files.readString(work.resolve("logs/reward-service.log"))).contains("Started");

            // Each stateful service's database exists with its own owner, as in deploy/postgres/init.sql.
            try (Connection connection = DriverManager.getConnection(
                    platform.database().orElseThrow().jdbcUrl("mixture"), "mixture", "mixture");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (value text)");
                statement.execute("INSERT INTO kept VALUES ('from the first run')");
            }
            PlatformState state = PlatformState.read(work).orElseThrow();
            assertThat(state.launcherPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(state.services()).extracting(PlatformState.Service::pid).containsExactly(rewardPid);
            assertThat(state.postgres().pid()).isEqualTo(postgresPid);
        }

        assertThat(alive(rewardPid)).as("reward-service pid %d", rewardPid).isFalse();
        assertThat(alive(postgresPid)).as("postmaster pid %d", postgresPid).isFalse();
        assertThat(PortCheck.isFree(rewardPort)).isTrue();
        assertThat(PortCheck.isFree(postgresPort)).isTrue();
        assertThat(work.resolve(PlatformState.FILE)).doesNotExist();
        assertThat(output.toString()).contains("reward-service   ready on http://127.0.0.1:" + rewardPort, "Stopped.");

        // The data survives: the next run finds the first run's rows.
        try (Platform again = Platform.start(config(portBase), new PrintWriter(output, true));
                Connection connection = DriverManager.getConnection(
                        again.database().orElseThrow().jdbcUrl("mixture"), "mixture", "mixture");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT value FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("from the first run");
        }
    }

    @Test
    void aKilledServiceIsNoFailureAndRestartsOnItsPortWithANewPidItsLogKeptAndTheStateUpdated() throws Exception {
        int portBase = FreePorts.portBase();
        int rewardPort = ServiceSpec.REWARD.port(portBase);
        long firstPid;
        long secondPid;
        try (Platform platform = Platform.start(config(portBase), new PrintWriter(output, true))) {
            firstPid = platform.children().get(0).pid();
            assertThatThrownBy(() -> platform.restart("reward")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("reward-service is still running (pid " + firstPid + "): kill it first");
            assertThatThrownBy(() -> platform.kill("trainer")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("trainer-service is not one of this platform's services [reward-service]");

            platform.kill("reward");

            assertThat(alive(firstPid)).isFalse();
            assertThat(ServiceProcess.readinessOf(rewardPort)).isEqualTo("not answering");
            // Killed on purpose: whoever watches the platform for crashes must not stop over it.
            assertThat(platform.failure()).isEmpty();
            // SIGKILL runs no shutdown hook: Spring never logged its graceful shutdown.
            assertThat(Files.readString(work.resolve("logs/reward-service.log"))).doesNotContain("Commencing graceful");

            platform.restart("reward-service");

            ServiceProcess again = platform.children().get(0);
            secondPid = again.pid();
            assertThat(secondPid).isNotEqualTo(firstPid);
            assertThat(ServiceProcess.readinessOf(rewardPort)).isEqualTo("UP");
            assertThat(platform.failure()).isEmpty();
            assertThat(PlatformState.read(work).orElseThrow().services()).extracting(PlatformState.Service::pid)
                    .containsExactly(secondPid);
            String log = Files.readString(work.resolve("logs/reward-service.log"));
            assertThat(log.split("Started RewardServiceApplication", -1)).as("both starts in one log").hasSize(3);

            // The restarted child is watched like the first one: its crash is a failure again.
            again.process().destroyForcibly().waitFor();
            assertThat(platform.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("reward-service exited"));
        }
        assertThat(alive(secondPid)).isFalse();
        assertThat(PortCheck.isFree(rewardPort)).isTrue();
        assertThat(output.toString()).contains("reward-service   killed (pid " + firstPid + ")", "Restarting reward-service",
                "Stopped.");
    }

    @Test
    void aPortInUseIsAOneLineErrorNamingPortServiceAndTheWayOutAndStartsNothing() throws Exception {
        int portBase = FreePorts.portBase();
        int rewardPort = ServiceSpec.REWARD.port(portBase);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", rewardPort));

            assertThatThrownBy(() -> Platform.start(config(portBase), new PrintWriter(output, true)))
                    .isInstanceOf(CliException.class)
                    .hasMessage("port " + rewardPort + " for reward-service is already in use: stop what holds it, "
                            + "or shift every port with --port-base (e.g. --port-base 18080)");
        }
        assertThat(output.toString()).doesNotContain("Starting");
        assertThat(work.resolve("postgres")).doesNotExist();
    }

    @Test
    void aMissingJarSaysHowToBuildIt() {
        PlatformConfig missing = new PlatformConfig(work, work, FreePorts.portBase(), List.of(ServiceSpec.REWARD),
                PlatformConfig.currentJava(), Duration.ofMinutes(1), Duration.ofSeconds(5));

        assertThatThrownBy(() -> Platform.start(missing, new PrintWriter(output, true)))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("missing reward-service/target/reward-service-0.1.0-SNAPSHOT.jar under ")
                .hasMessageEndingWith(": build the jars with ./mvnw -B -q package -DskipTests");
    }
}
