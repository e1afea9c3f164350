package io.modomodo.trainer.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.modomodo.trainer.config.TrainerProperties;

/**
 * The variables a Job's pod gets are read by the trainer as meant: bound the way Spring binds a process's
 * environment over the service's application.yml.
 */
class TrainerJobEnvironmentTest {

    @Test
    void theJobsPodReadsTheSharedCheckpointDirAndServiceAddressesFromItsVariables() throws IOException {
        TrainerEndpoints endpoints = new TrainerEndpoints(Path.of("/data/checkpoints"), Path.of("/data/datasets"),
                URI.create("http://rollout-service:8081"), URI.create("http://reward-service:8082"));
        LaunchRequest request = new LaunchRequest(UUID.randomUUID(), "s", Map.of("count", 1.0), 10, 1, null);
        Job job = new TrainerJobFactory(KubernetesLauncherProperties.defaults(), endpoints, "img").job(request);

        Map<String, Object> variables = new LinkedHashMap<>();
        for (EnvVar env : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (env.getValue() != null) {
                variables.put(env.getName(), env.getValue());
            }
        }
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"));
        yml.forEach(sources::addLast);

        TrainerProperties properties = Binder.get(environment).bind("modomodo.trainer", TrainerProperties.class).get();
        assertThat(properties.checkpointDir()).isEqualTo(Path.of("/data/checkpoints"));
        assertThat(properties.dataRoot()).isEqualTo(Path.of("/data/datasets"));
        assertThat(properties.runJob()).as("single-job mode").isEqualTo(request.jobId());
        assertThat(properties.launcher()).as("the pod launches nothing itself").isEqualTo("in-process");
        assertThat(properties.services().rollout()).isEqualTo(URI.create("http://rollout-service:8081"));
        assertThat(properties.services().reward()).isEqualTo(URI.create("http://reward-service:8082"));
        assertThat(variables).containsEntry(TrainerJobFactory.RUN_JOB_VARIABLE, request.jobId().toString());
    }

    @Test
    void bindsTheLaunchersDefaultsWhenNothingIsConfigured() {
        KubernetesLauncherProperties properties = Binder.get(new StandardEnvironment())
                .bindOrCreate("modomodo.trainer.kubernetes", KubernetesLauncherProperties.class);
        assertThat(properties.backoffLimit()).isEqualTo(3);
        assertThat(properties.ttlSecondsAfterFinished()).isEqualTo(86_400);
        assertThat(properties.maxRecreations()).isEqualTo(5);
        assertThat(properties.serviceAccountName()).isEqualTo("trainer-job");
        assertThat(properties.resources().gpus()).isZero();
    }
}
