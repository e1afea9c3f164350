package io.modomodo.trainer.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** The worked OpenRLHF template of k8s/examples, rendered as the launcher renders it for a job. */
class OpenRlhfTemplateTest {

    private static final Path EXAMPLE = repoRoot().resolve("k8s/examples/openrlhf");

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s/examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no k8s/examples above the working directory");
    }

    private static JobTemplates templates(Path file) {
        KubernetesLauncherProperties defaults = KubernetesLauncherProperties.defaults();
        KubernetesLauncherProperties properties = new KubernetesLauncherProperties(null, null, null, null, null, null,
                defaults.backoffLimit(), 86_400L, 3600, null, null, null, null, null, Map.of("openrlhf", file), null, 5);
        return new JobTemplates(properties, KubernetesJobLauncherTest.ENDPOINTS);
    }

    private static LaunchRequest openrlhf() {
        Map<String, Double> mixture = new LinkedHashMap<>();
        mixture.put("count", 0.5);
        mixture.put("color", 0.3);
        mixture.put("grounding", 0.2);
        return new LaunchRequest(UUID.fromString("6f1c1a52-2a5e-4c57-9d3e-1a2b3c4d5e6f"), "study-9", mixture, 200, 11,
                "openrlhf");
    }

    private static String script(Job job) {
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        return String.join("\n", container.getArgs());
    }

    @Test
    void rendersTheMixtureAsOpenRlhfDatasetsAndProbabilitiesAndPointsItsRewardAtTheRewardService() {
        Job job = templates(EXAMPLE.resolve("openrlhf-job.yaml")).job(openrlhf());
        String script = script(job);
        assertThat(script)
                .contains("--data.prompt_dataset '/data/datasets/count.jsonl,/data/datasets/color.jsonl,"
                        + "/data/datasets/grounding.jsonl'")
                .contains("--data.prompt_probs '0.5,0.3,0.2'")
                .contains("--reward.remote_url 'http://reward-service:8082/api/v1/rewards/openrlhf?verifier=math'")
                .contains("--train.seed 11")
                .contains("--ckpt.path /checkpoints/6f1c1a52-2a5e-4c57-9d3e-1a2b3c4d5e6f/ckpt")
                .doesNotContain("{{");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("MODOMODO_OUTCOME_URL");
                    assertThat(env.getValue()).isEqualTo(
                            "http://trainer-service:8083/api/v1/jobs/6f1c1a52-2a5e-4c57-9d3e-1a2b3c4d5e6f/outcome");
                });
        assertThat(job.getMetadata().getAnnotations()).containsEntry("modomodo.io/mixture",
                "{\"count\":0.5,\"color\":0.3,\"grounding\":0.2}");
    }

    @Test
    void namesAndLabelsTheJobAsEveryTrainingJobAndFillsItsLimitsWhereTheTemplateLeavesThemOut() {
        Job job = templates(EXAMPLE.resolve("openrlhf-job.yaml")).job(openrlhf());
        assertThat(job.getMetadata().getName()).isEqualTo("train-6f1c1a52-2a5e-4c57-9d3e-1a2b3c4d5e6f");
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "trainer-job")
                .containsEntry("modomodo.io/study", "study-9").containsEntry("modomodo.io/template", "openrlhf");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .as("the NetworkPolicies let pods labelled trainer-job reach the reward- and trainer-service")
                .containsEntry("app.kubernetes.io/name", "trainer-job");
        assertThat(job.getSpec().getBackoffLimit()).as("the template's own").isEqualTo(1);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(86_400L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("trainer-job");
        assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void passesOnlyArgumentsOpenRlhfDeclares() throws IOException {
        Set<String> declared = Files.readAllLines(EXAMPLE.resolve("train_ppo_ray-arguments.txt")).stream()
                .filter(line -> line.startsWith("--")).collect(Collectors.toSet());
        assertThat(declared).contains("--data.prompt_probs", "--reward.remote_url", "--data.prompt_dataset");
        String script = script(templates(EXAMPLE.resolve("openrlhf-job.yaml")).job(openrlhf()));
        String training = script.substring(script.indexOf("openrlhf.cli.train_ppo_ray"), script.indexOf("status=$?"));
        Matcher flags = Pattern.compile("(?<=\\s)--[a-z0-9_.]+").matcher(training);
        int count = 0;
        while (flags.find()) {
            assertThat(declared).as("train_ppo_ray declares %s", flags.group()).contains(flags.group());
            count++;
        }
        assertThat(count).isGreaterThan(15);
    }

    @Test
    void refusesATemplateWithAnUnknownPlaceholderNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                apiVersion: batch/v1
                kind: Job
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: x
                          image: x
                          args: ["{{mixture.weigths}}", "{{job.id}}"]
                """);
        assertThatThrownBy(() -> templates(file).job(openrlhf())).isInstanceOf(JobTemplateException.class)
                .hasMessageContaining("{{mixture.weigths}}").hasMessageContaining("mixture.weights");
    }

    @Test
    void refusesATemplateThatIsNotAJob(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pod.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Pod
                metadata: {name: x}
                spec:
                  containers: [{name: x, image: x}]
                """);
        assertThatThrownBy(() -> templates(file).job(openrlhf())).isInstanceOf(JobTemplateException.class)
                .hasMessageContaining("one batch/v1 Job").hasMessageContaining("Pod");
        assertThatThrownBy(() -> templates(dir.resolve("missing.yaml")).job(openrlhf()))
                .isInstanceOf(JobTemplateException.class).hasMessageContaining("could not be read");
    }

    @Test
    void writesWeightsInPlainDecimals() {
        LaunchRequest tiny = new LaunchRequest(UUID.randomUUID(), null, Map.of("a", 1.0E-5), 1, 1, "openrlhf");
        String rendered = templates(EXAMPLE.resolve("openrlhf-job.yaml")).render("{{mixture.weights}} {{study}}|", tiny);
        assertThat(rendered).isEqualTo("0.00001 |");
        assertThat(List.of(rendered)).doesNotContain("1.0E-5");
    }
}
