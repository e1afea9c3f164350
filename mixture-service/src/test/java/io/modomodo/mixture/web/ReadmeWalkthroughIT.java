package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.postgres.RealPostgres;

/**
 * The README's study walkthrough (the first bash block under "## Mixture studies") runs as written,
 * in order, against a fresh service: only its port is changed. Every curl fails the script on an
 * HTTP error, so a step that answers 400 (fitting before enough runs) fails this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealPostgres
class ReadmeWalkthroughIT {

    static final Path README = Path.of("..", "README.md");

    @LocalServerPort
    int port;

    @Test
    void theStudyWalkthroughRunsAsWritten(@TempDir Path workDir) throws Exception {
        String script = bashBlockAfter(Files.readString(README), "## Mixture studies");
        assertThat(script).contains("localhost:8084");
        String output = runBash(script.replace("localhost:8084", "localhost:" + port), workDir);
        assertThat(output).contains("returned 11 of the 20 requested").contains("\n20\n");
        assertThat(output).containsPattern("\\{\"r2\":[-0-9.eE]+,\"rmse\":[-0-9.eE]+,\"spearman\":[-0-9.eE]+\\}");
        assertThat(output).containsPattern("\\{\"count\":[0-9.eE-]+,\"ground\":");
        assertThat(output).contains("\"distances\":[");
    }

    /** The first {@code ```bash} block after the heading. */
    static String bashBlockAfter(String markdown, String heading) {
        int section = markdown.indexOf("\n" + heading + "\n");
        assertThat(section).as("README has %s", heading).isNotNegative();
        int start = markdown.indexOf("```bash\n", section) + "```bash\n".length();
        int end = markdown.indexOf("\n```", start);
        return markdown.substring(start, end + 1);
    }

    /** Runs the script with bash, every curl failing on an HTTP error; returns stdout and stderr. */
    static String runBash(String script, Path workDir) throws IOException, InterruptedException {
        String strict = """
                set -euo pipefail
                shopt -s inherit_errexit
                curl() { command curl --fail-with-body --max-time 60 "$@"; }
                """;
        Path file = workDir.resolve("walkthrough.sh");
        Files.writeString(file, strict + script);
        Process process = new ProcessBuilder(List.of("bash", file.toString())).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("walkthrough finished: %s", output).isTrue();
        assertThat(process.exitValue()).as("walkthrough exit status; output:%n%s", output).isZero();
        return output;
    }
}
