package io.modomodo.trainer.launch.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the kubernetes launcher ({@code modomodo.trainer.launcher=kubernetes}) makes each training job's Job
 * ({@code modomodo.trainer.kubernetes.*}). Node selectors and tolerations hold keys such as
 * {@code nvidia.com/gpu} that an environment variable cannot spell: give them in a configuration file.
 *
 * @param namespace where Jobs are made; absent: the namespace the service runs in
 * @param image the trainer image the Jobs run; absent: the image of this service's own pod
 * @param serviceAccountName the Jobs' pods' identity (no API access needed)
 * @param resources what each Job's pod asks for
 * @param nodeSelector node labels a Job's pod must match (a GPU pool)
 * @param tolerations taints a Job's pod tolerates (a GPU pool's)
 * @param backoffLimit pod retries before the Job fails (each retry resumes from the last checkpoint)
 * @param activeDeadlineSeconds a Job running longer fails; absent: no deadline
 * @param ttlSecondsAfterFinished a finished Job (and its pods' logs) is deleted this long after it ends
 * @param checkpointClaim the ReadWriteMany claim mounted at the trainer's checkpoint dir
 * @param datasetsClaim the claim holding the JSONL datasets, mounted read-only at the trainer's data root;
 *        blank: none (jobs then use built-in domains only)
 * @param databaseSecret the Secret with keys url, username, password of the trainer's database
 * @param djlCacheDir where the pod extracts libtorch (an emptyDir: the root filesystem is read-only)
 * @param selfUrl the trainer-service's address inside the cluster, for external trainers' outcome posts
 * @param templates external trainers' Job templates by name (YAML files the operator provides)
 * @param resync how often the reconciler compares every job with its Job, besides watching Job events
 * @param maxRecreations a Job deleted under a running job more often than this fails the job instead
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.trainer.kubernetes")
public record KubernetesLauncherProperties(String namespace, String image, @NotBlank String serviceAccountName,
        @NotNull @Valid Resources resources, Map<String, String> nodeSelector, @Valid List<Toleration> tolerations,
        @DefaultValue("3") @PositiveOrZero int backoffLimit, @Positive Long activeDeadlineSeconds,
        @DefaultValue("86400") @PositiveOrZero int ttlSecondsAfterFinished,
        @NotBlank String checkpointClaim, String datasetsClaim, @NotBlank String databaseSecret, @NotBlank String djlCacheDir,
        @NotBlank String selfUrl, Map<String, Path> templates, @NotNull Duration resync, @DefaultValue("5") @Min(0) int maxRecreations) {

    public KubernetesLauncherProperties {
        serviceAccountName = orDefault(serviceAccountName, "trainer-job");
        resources = resources == null ? new Resources(null, null, null, null) : resources;
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        checkpointClaim = orDefault(checkpointClaim, "checkpoints");
        databaseSecret = orDefault(databaseSecret, "trainer-database");
        djlCacheDir = orDefault(djlCacheDir, "/var/cache/djl");
        selfUrl = orDefault(selfUrl, "http://trainer-service:8083");
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        resync = resync == null ? Duration.ofSeconds(30) : resync;
    }

    /** The defaults, for code and tests that configure a few fields only. */
    public static KubernetesLauncherProperties defaults() {
        return new KubernetesLauncherProperties(null, null, null, null, null, null, 3, null, 86_400, null, null, null,
                null, null, null, null, 5);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * @param cpu CPU request (a quantity, "4")
     * @param memory memory request and limit ("24Gi")
     * @param gpus GPUs asked for (a limit of {@code gpuResource}); absent or 0: none
     * @param gpuResource the extended resource name of a GPU
     */
    public record Resources(String cpu, String memory, @PositiveOrZero Integer gpus, String gpuResource) {

        public Resources {
            cpu = orDefault(cpu, "2");
            memory = orDefault(memory, "6Gi");
            gpus = gpus == null ? 0 : gpus;
            gpuResource = orDefault(gpuResource, "nvidia.com/gpu");
        }
    }

    /** A toleration as Kubernetes spells it. */
    public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {
    }
}
