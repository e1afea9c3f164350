package io.modomodo.local.study;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One managed study to drive.
 *
 * @param name the study's name (for people)
 * @param preset the execution preset
 * @param domains the study's domains
 * @param policy the base policy the jobs start from; created from the preset's request when missing
 * @param reportDirectory where {@code <study id>.json} is written
 * @param timeout give up (and cancel the execution) after this long; null means never
 * @param poll how often to ask for progress
 */
public record StudyPlan(String name, Preset preset, List<String> domains, String policy, Path reportDirectory,
        Duration timeout, Duration poll) {

    public StudyPlan {
        if (domains.size() < 2) {
            throw new IllegalArgumentException("a study needs at least two domains, got " + domains);
        }
        domains = List.copyOf(domains);
    }
}
