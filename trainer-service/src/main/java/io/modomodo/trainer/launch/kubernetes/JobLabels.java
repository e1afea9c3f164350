package io.modomodo.trainer.launch.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Names and labels of the Jobs the launcher makes: one name per job id, so a job never gets two Jobs. */
final class JobLabels {

    static final String NAME = "app.kubernetes.io/name";
    /** The pod label the NetworkPolicies let into rollout, reward and trainer (k8s/base/network-policies.yaml). */
    static final String TRAINING_JOB = "trainer-job";
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "trainer-service";
    static final String JOB_ID = "modomodo.io/job-id";
    static final String STUDY = "modomodo.io/study";
    static final String TEMPLATE = "modomodo.io/template";

    private JobLabels() {
    }

    /** {@code train-<uuid>}: 42 characters, inside the 63 a Job name may have and its pods' names derive from. */
    static String jobName(UUID jobId) {
        return "train-" + jobId;
    }

    static Map<String, String> labels(LaunchRequest request) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, TRAINING_JOB);
        labels.put(PART_OF, "modomodo");
        labels.put(MANAGED_BY, MANAGER);
        labels.put(JOB_ID, request.jobId().toString());
        if (request.study() != null && !request.study().isBlank()) {
            labels.put(STUDY, labelValue(request.study()));
        }
        if (request.template() != null) {
            labels.put(TEMPLATE, labelValue(request.template()));
        }
        return labels;
    }

    /** The full study name (a label value is cut to 63 characters of [A-Za-z0-9._-]). */
    static Map<String, String> annotations(LaunchRequest request) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (request.study() != null && !request.study().isBlank()) {
            annotations.put(STUDY, request.study());
        }
        return annotations;
    }

    static String labelValue(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.length() > 63) {
            cleaned = cleaned.substring(0, 63);
        }
        // A label value starts and ends with an alphanumeric character.
        cleaned = cleaned.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return cleaned.isEmpty() ? "x" : cleaned;
    }
}
