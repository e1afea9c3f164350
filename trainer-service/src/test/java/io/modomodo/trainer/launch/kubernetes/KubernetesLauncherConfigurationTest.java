package io.modomodo.trainer.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

@EnableKubernetesMockClient(crud = true)
class KubernetesLauncherConfigurationTest {

    static KubernetesClient client;

    @Test
    void runsJobsOnTheImageOfTheServicesOwnPodUnlessOneIsConfigured() {
        client.pods().inNamespace("modomodo").resource(new PodBuilder().withNewMetadata().withName("trainer-service-7d9f")
                .endMetadata().withNewSpec().addNewContainer().withName("sidecar").withImage("envoy:1").endContainer()
                .addNewContainer().withName("trainer-service").withImage("registry/modomodo/trainer-service:0.1.0")
                .endContainer().endSpec().build()).create();
        KubernetesLauncherProperties defaults = KubernetesLauncherProperties.defaults();

        assertThat(KubernetesLauncherConfiguration.image(client, "modomodo", defaults, "trainer-service-7d9f"))
                .isEqualTo("registry/modomodo/trainer-service:0.1.0");
        assertThatThrownBy(() -> KubernetesLauncherConfiguration.image(client, "modomodo", defaults, "elsewhere"))
                .hasMessageContaining("modomodo.trainer.kubernetes.image is not set");
    }
}
