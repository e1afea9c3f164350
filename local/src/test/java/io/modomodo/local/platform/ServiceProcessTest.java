package io.modomodo.local.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path work;

    /** A process that has already ended, whose log holds {@code lines}. */
    private ServiceProcess ended(String... lines) throws IOException, InterruptedException {
        Path log = work.resolve("service.log");
        ServiceProcess process = ServiceProcess.start(ServiceSpec.REWARD, 1, PlatformConfig.currentJava(),
                work.resolve("absent.jar"), List.of(), Map.of(), log);
        process.process().waitFor();
        Files.write(log, List.of(lines));
        return process;
    }

    @Test
    void aStackTraceIsSummedUpByItsErrorLineAndInnermostCause() throws Exception {
        ServiceProcess process = ended(
                "2026-12-02T09:31:00Z  INFO 1 --- [main] starting",
                "2026-12-02T09:31:05Z ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed",
                "org.springframework.beans.factory.BeanCreationException: Error creating bean",
                "\tat org.springframework.beans.Foo.bar(Foo.java:1)",
                "Caused by: org.springframework.beans.BeanInstantiationException: Failed to instantiate",
                "\tat org.springframework.beans.Foo.baz(Foo.java:2)",
                "Caused by: java.lang.IllegalStateException: Ambiguous @ExceptionHandler method",
                "\tat org.springframework.web.Bar.qux(Bar.java:3)",
                "\t... 31 common frames omitted");

        assertThat(process.failureSummary()).isEqualTo(
                "2026-12-02T09:31:05Z ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed"
                        + System.lineSeparator() + "Caused by: java.lang.IllegalStateException: Ambiguous @ExceptionHandler method");
    }

    @Test
    void springBootsFailureAnalysisIsShownAsItIs() throws Exception {
        ServiceProcess process = ended("noise", "***************************", "APPLICATION FAILED TO START",
                "***************************", "", "Description:", "", "Web server failed to start. Port 8082 was already in use.",
                "", "Action:", "", "Identify and stop the process that's listening on port 8082.");

        assertThat(process.failureSummary().lines().toList()).containsExactly("APPLICATION FAILED TO START",
                "Description:", "Web server failed to start. Port 8082 was already in use.", "Action:",
                "Identify and stop the process that's listening on port 8082.");
    }

    @Test
    void withoutErrorsTheLastLinesAreShown() throws Exception {
        ServiceProcess process = ended("one", "two", "three");

        assertThat(process.failureSummary()).isEqualTo(String.join(System.lineSeparator(), "one", "two", "three"));
    }
}
