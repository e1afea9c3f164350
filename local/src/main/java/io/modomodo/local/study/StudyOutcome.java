package io.modomodo.local.study;

import java.nio.file.Path;

/**
 * How a driven study ended.
 *
 * @param status the execution's final status ({@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED}) or
 *        {@code TIMED_OUT} when the CLI gave up and cancelled it
 * @param report the report file written, or null when there was no report to fetch
 */
public record StudyOutcome(String studyId, String executionId, String status, String error, Path report) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
