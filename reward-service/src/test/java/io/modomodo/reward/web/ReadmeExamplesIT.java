package io.modomodo.reward.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's reward examples (the bash blocks under "## Reward verification") run as written
 * against the service, only the port changed, and answer what the README says they answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeExamplesIT {

    @LocalServerPort
    int port;

    @Test
    void theRewardExamplesRunAsWrittenAndAnswerAsDocumented(@TempDir Path workDir) throws Exception {
        List<String> blocks = bashBlocks(Files.readString(Path.of("..", "README.md")), "## Reward verification");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);

        String score = run(blocks.get(0).replace("localhost:8082", "localhost:" + port), workDir);
        assertThat(score).contains("{\"id\":\"q1\",\"reward\":2.0,\"format\":1.0,\"accuracy\":1.0,\"extracted\":\"B\"}")
                .contains("\"id\":\"q2\",\"reward\":2.0").contains("\"extracted\":\"1200\"")
                .contains("\"id\":\"q3\",\"reward\":2.0")
                .contains("\"id\":\"q4\",\"reward\":1.0,\"format\":0.0,\"accuracy\":1.0")
                .contains("\"verifiers\"");

        String openRlhf = run(blocks.get(1).replace("localhost:8082", "localhost:" + port), workDir);
        assertThat(openRlhf).contains("{\"rewards\":[2.0,2.0],\"scores\":[1.0,1.0],"
                + "\"extra_logs\":{\"format\":[1.0,1.0],\"accuracy\":[1.0,1.0]}}");
    }

    /** Every {@code ```bash} block of the section that starts at the heading. */
    private static List<String> bashBlocks(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        List<String> blocks = new ArrayList<>();
        int from = 0;
        while ((from = section.indexOf("```bash\n", from)) >= 0) {
            int close = section.indexOf("\n```", from + 8);
            blocks.add(section.substring(from + 8, close + 1));
            from = close + 4;
        }
        return blocks;
    }

    private static String run(String script, Path workDir) throws IOException, InterruptedException {
        Path file = workDir.resolve("example.sh");
        Files.writeString(file, "set -euo pipefail\ncurl() { command curl --fail-with-body --max-time 60 \"$@\"; "
                + "echo; }\n" + script);
        Process process = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        boolean done = process.waitFor(2, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as(output).isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();
        return output;
    }
}
