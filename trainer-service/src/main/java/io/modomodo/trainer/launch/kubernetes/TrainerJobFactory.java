package io.modomodo.trainer.launch.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/**
 * The Job of a training job that the trainer itself runs: the trainer image in single-job mode
 * ({@value #RUN_JOB_VARIABLE}), on the same database and checkpoint volume as the service, with the configured
 * resources, placement and limits. The pod runs the job to its end (resuming from its last checkpoint when it
 * has one) and exits; the job's row, not the pod, carries the result.
 */
public final class TrainerJobFactory {

    /** {@code modomodo.trainer.run-job}: the single-job mode of the trainer-service's jar. */
    public static final String RUN_JOB_VARIABLE = "MODOMODO_TRAINER_RUNJOB";
    static final String CONTAINER = "trainer";

    private final KubernetesLauncherProperties properties;
    private final TrainerEndpoints endpoints;
    private final String image;

    public TrainerJobFactory(KubernetesLauncherProperties properties, TrainerEndpoints endpoints, String image) {
        this.properties = properties;
        this.endpoints = endpoints;
        this.image = image;
    }

    public Job job(LaunchRequest request) {
        Map<String, String> labels = JobLabels.labels(request);
        String checkpointDir = endpoints.checkpointDir().toString();
        List<EnvVar> env = new ArrayList<>();
        env.add(value(RUN_JOB_VARIABLE, request.jobId().toString()));
        env.add(value("MODOMODO_TRAINER_CHECKPOINTDIR", checkpointDir));
        env.add(value("MODOMODO_TRAINER_DATAROOT", endpoints.dataRoot().toString()));
        env.add(value("MODOMODO_TRAINER_SERVICES_ROLLOUT", endpoints.rollout().toString()));
        env.add(value("MODOMODO_TRAINER_SERVICES_REWARD", endpoints.reward().toString()));
        env.add(value("DJL_CACHE_DIR", properties.djlCacheDir()));
        for (String key : List.of("url", "username", "password")) {
            env.add(new EnvVarBuilder().withName("SPRING_DATASOURCE_" + key.toUpperCase(java.util.Locale.ROOT))
                    .withNewValueFrom().withNewSecretKeyRef(key, properties.databaseSecret(), false).endValueFrom()
                    .build());
        }

        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(properties.resources().cpu()));
        requests.put("memory", new Quantity(properties.resources().memory()));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        limits.put("memory", new Quantity(properties.resources().memory()));
        if (properties.resources().gpus() > 0) {
            limits.put(properties.resources().gpuResource(), new Quantity(properties.resources().gpus().toString()));
        }

        Container container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withEnv(env)
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName("djl-cache").withMountPath(properties.djlCacheDir()).endVolumeMount()
                .addNewVolumeMount().withName("checkpoints").withMountPath(checkpointDir).endVolumeMount()
                .build();
        boolean datasets = properties.datasetsClaim() != null && !properties.datasetsClaim().isBlank();
        if (datasets) {
            container.getVolumeMounts().add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("datasets")
                    .withMountPath(endpoints.dataRoot().toString()).withReadOnly(true).build());
        }

        PodSpec pod = new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withServiceAccountName(properties.serviceAccountName())
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true).withRunAsUser(10001L).withRunAsGroup(10001L).withFsGroup(10001L)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withNodeSelector(properties.nodeSelector().isEmpty() ? null : properties.nodeSelector())
                .withTolerations(tolerations())
                .withContainers(container)
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("djl-cache").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("checkpoints")
                    .withNewPersistentVolumeClaim().withClaimName(properties.checkpointClaim()).endPersistentVolumeClaim()
                .endVolume()
                .build();
        if (datasets) {
            pod.getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("datasets")
                    .withNewPersistentVolumeClaim().withClaimName(properties.datasetsClaim()).withReadOnly(true)
                    .endPersistentVolumeClaim().build());
        }

        return new JobBuilder()
                .withNewMetadata()
                    .withName(JobLabels.jobName(request.jobId()))
                    .withLabels(labels)
                    .withAnnotations(JobLabels.annotations(request))
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(properties.backoffLimit())
                    .withActiveDeadlineSeconds(properties.activeDeadlineSeconds())
                    .withTtlSecondsAfterFinished(properties.ttlSecondsAfterFinished())
                    // A pod evicted by a node drain or preemption does not count against backoffLimit:
                    // the next pod resumes from the last checkpoint.
                    .withNewPodFailurePolicy()
                        .addNewRule().withAction("Ignore")
                            .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                        .endRule()
                    .endPodFailurePolicy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withSpec(pod)
                    .endTemplate()
                .endSpec()
                .build();
    }

    private List<Toleration> tolerations() {
        List<Toleration> tolerations = new ArrayList<>();
        for (KubernetesLauncherProperties.Toleration t : properties.tolerations()) {
            tolerations.add(new TolerationBuilder().withKey(t.key()).withOperator(t.operator()).withValue(t.value())
                    .withEffect(t.effect()).withTolerationSeconds(t.tolerationSeconds()).build());
        }
        return tolerations;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
