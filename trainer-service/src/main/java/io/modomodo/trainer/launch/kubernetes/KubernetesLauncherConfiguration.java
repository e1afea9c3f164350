package io.modomodo.trainer.launch.kubernetes;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.trainer.config.TrainerProperties;
import io.modomodo.trainer.launch.JobLauncher;

/**
 * The kubernetes launcher, chosen with {@code modomodo.trainer.launcher=kubernetes} (default: in-process) in
 * the service (never in a Job's own pod, which runs one job: {@code modomodo.trainer.run-job}). The client finds
 * the cluster as fabric8 does (in a pod: the service account's token and namespace).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${modomodo.trainer.launcher:in-process}' == 'kubernetes' and '${modomodo.trainer.run-job:}' == ''")
class KubernetesLauncherConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    JobLauncher kubernetesTrainingLauncher(KubernetesJobLauncher jobs, KubernetesJobTable table) {
        return new KubernetesTrainingLauncher(jobs, table);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    KubernetesJobLauncher kubernetesJobLauncher(KubernetesClient client, KubernetesLauncherProperties properties,
            TrainerProperties trainer, KubernetesJobTable store, MeterRegistry meters) {
        String namespace = namespace(client, properties);
        TrainerEndpoints endpoints = new TrainerEndpoints(trainer.checkpointDir(), trainer.dataRoot(),
                trainer.services().rollout(), trainer.services().reward());
        String image = image(client, namespace, properties, System.getenv("HOSTNAME"));
        return new KubernetesJobLauncher(client, namespace, new TrainerJobFactory(properties, endpoints, image),
                new JobTemplates(properties, endpoints), store, properties.resync(), properties.maxRecreations(), meters);
    }

    static String namespace(KubernetesClient client, KubernetesLauncherProperties properties) {
        if (properties.namespace() != null && !properties.namespace().isBlank()) {
            return properties.namespace();
        }
        return client.getNamespace() != null ? client.getNamespace() : "default";
    }

    /**
     * The configured image, else the image this service's own pod runs (its name is the pod's HOSTNAME), so the
     * Jobs run exactly the trainer version that made them.
     */
    static String image(KubernetesClient client, String namespace, KubernetesLauncherProperties properties,
            String podName) {
        if (properties.image() != null && !properties.image().isBlank()) {
            return properties.image();
        }
        Pod own = podName == null ? null : client.pods().inNamespace(namespace).withName(podName).get();
        if (own == null) {
            throw new IllegalStateException("modomodo.trainer.kubernetes.image is not set and this service's own pod ("
                    + podName + " in " + namespace + ") cannot be read to take its image: set the image");
        }
        return own.getSpec().getContainers().stream().filter(c -> c.getName().equals("trainer-service")).findFirst()
                .or(() -> own.getSpec().getContainers().stream().findFirst()).map(Container::getImage).orElseThrow();
    }
}
