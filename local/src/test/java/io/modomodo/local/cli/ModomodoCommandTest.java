package io.modomodo.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import io.modomodo.local.ModomodoCommand;
import io.modomodo.local.study.Preset;

class ModomodoCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine line = ModomodoCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));

    private <T> T parsed(Class<T> type, String... args) {
        ParseResult result = line.parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void demoDefaultsToTheQuickPresetOnPort8080WithItsDomainsAndTheDemoPolicy() {
        DemoCommand demo = parsed(DemoCommand.class, "demo");

        assertThat(demo.study.preset()).isEqualTo(Preset.QUICK);
        assertThat(demo.platform.portBase()).isEqualTo(8080);
        assertThat(demo.study.domains()).containsExactly("count", "attribute", "spatial");
        assertThat(demo.study.policy()).isEqualTo("demo-base");
    }

    @Test
    void demoSmokeTakesItsOwnDomainsPolicyAndShiftedPorts() {
        DemoCommand demo = parsed(DemoCommand.class, "demo", "--preset", "SMOKE", "--port-base", "18080");

        assertThat(demo.study.preset()).isEqualTo(Preset.SMOKE);
        assertThat(demo.platform.portBase()).isEqualTo(18080);
        assertThat(demo.study.domains()).containsExactly("count", "attribute");
        assertThat(demo.study.policy()).isEqualTo("smoke-base");
    }

    @Test
    void studyReadsGatewayKeyDomainsAndTimeout() {
        StudyCommand study = parsed(StudyCommand.class, "study", "--gateway", "https://mm.example.com",
                "--api-key", "k1", "--preset", "paper", "--domains", "count,ground,arith", "--policy", "ci-base",
                "--timeout", "45m");

        assertThat(study.gateway).isEqualTo("https://mm.example.com");
        assertThat(study.apiKey).isEqualTo("k1");
        assertThat(study.study.preset()).isEqualTo(Preset.PAPER);
        assertThat(study.study.domains()).containsExactly("count", "ground", "arith");
        assertThat(study.study.policy()).isEqualTo("ci-base");
        assertThat(study.study.timeout).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void studyWithoutGatewayIsAUsageErrorNamingTheOption() {
        int code = line.execute("study", "--preset", "smoke");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--gateway=URL'");
    }

    @Test
    void anUnknownPresetIsAUsageErrorListingTheValidOnes() {
        int code = line.execute("demo", "--preset", "huge");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--preset").contains("expected smoke, quick or paper");
    }

    @Test
    void anUnreadableDurationSaysHowToWriteOne() {
        int code = line.execute("study", "--gateway", "http://x", "--timeout", "soon");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration: write e.g. 90s, 20m or 2h");
    }

    @Test
    void upTakesAListOfServicesByModuleOrShortName() {
        UpCommand up = parsed(UpCommand.class, "up", "--services", "reward,gateway,trainer-service");

        assertThat(up.services).extracting("name").containsExactly("reward-service", "gateway", "trainer-service");
    }

    @Test
    void anUnknownServiceIsAUsageError() {
        int code = line.execute("up", "--services", "reward,printer");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown service 'printer'");
    }

    @Test
    void aPortBaseOutsideTheUsableRangeIsRefusedBeforeAnythingStarts() {
        int code = line.execute("up", "--port-base", "80", "--work-dir", System.getProperty("java.io.tmpdir"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("modomodo: portBase must be between 1024 and 65531, was 80");
    }

    @Test
    void withoutACommandItPrintsTheCommands() {
        int code = line.execute();

        assertThat(code).isZero();
        assertThat(out.toString()).contains("demo", "up", "study", "status");
    }

}
