package io.modomodo.trainer.launch.kubernetes;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/**
 * Where a Job stands, read from its conditions: still running (or waiting), complete, or failed with a
 * sentence saying why, taken from its condition and its last failed pod.
 */
public record JobState(Phase phase, String reason) {

    public enum Phase { ACTIVE, SUCCEEDED, FAILED }

    static JobState of(Job job, List<Pod> pods) {
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
                : job.getStatus().getConditions();
        if (isTrue(conditions, "Complete")) {
            return new JobState(Phase.SUCCEEDED, null);
        }
        Optional<JobCondition> failed = conditions.stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        if (failed.isPresent()) {
            StringBuilder reason = new StringBuilder("Kubernetes Job ").append(job.getMetadata().getName())
                    .append(" failed");
            JobCondition condition = failed.get();
            if (condition.getReason() != null) {
                reason.append(": ").append(condition.getReason());
            }
            if (condition.getMessage() != null && !condition.getMessage().isBlank()) {
                reason.append(" (").append(condition.getMessage()).append(')');
            }
            lastFailedPod(pods).ifPresent(pod -> reason.append("; ").append(pod));
            return new JobState(Phase.FAILED, reason.toString());
        }
        return new JobState(Phase.ACTIVE, null);
    }

    private static boolean isTrue(List<JobCondition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** "pod P: container C terminated: OOMKilled, exit code 137 (message)" of the newest failed pod. */
    private static Optional<String> lastFailedPod(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase()))
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
                        : p.getMetadata().getCreationTimestamp()))
                .map(JobState::describe);
    }

    private static String describe(Pod pod) {
        StringBuilder text = new StringBuilder("pod ").append(pod.getMetadata().getName());
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
        for (ContainerStatus status : statuses) {
            ContainerStateTerminated terminated = status.getState() == null ? null : status.getState().getTerminated();
            if (terminated != null && (terminated.getExitCode() == null || terminated.getExitCode() != 0)) {
                text.append(": container ").append(status.getName()).append(" terminated: ")
                        .append(terminated.getReason() == null ? "Error" : terminated.getReason())
                        .append(", exit code ").append(terminated.getExitCode());
                if (terminated.getMessage() != null && !terminated.getMessage().isBlank()) {
                    text.append(" (").append(terminated.getMessage().strip()).append(')');
                }
                return text.toString();
            }
        }
        if (pod.getStatus().getReason() != null) {
            text.append(": ").append(pod.getStatus().getReason());
            if (pod.getStatus().getMessage() != null) {
                text.append(" (").append(pod.getStatus().getMessage()).append(')');
            }
        }
        return text.toString();
    }
}
