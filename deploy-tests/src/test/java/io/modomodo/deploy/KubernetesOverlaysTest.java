package io.modomodo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Renders the dev, production and gpu overlays and checks every Deployment against the service it runs:
 * ports, probes, variables, service addresses, secrets, volumes, network reachability, identity.
 */
class KubernetesOverlaysTest {

    private static final String NAME = "app.kubernetes.io/name";
    /** The pods of training Jobs (the kubernetes launcher's, and external trainers'). */
    private static final String TRAINING_JOB = "trainer-job";
    /** Secrets production and gpu expect to be created out of band (docs/deploy.md). */
    private static final Set<String> OUT_OF_BAND_SECRETS = Set.of("mixture-database", "trainer-database",
            "gateway-api-keys");
    private static final String CHECKPOINTS_CLAIM = "checkpoints";

    private static Path root;
    private static Map<String, ServiceConfig> services;
    private static final Map<String, RenderedOverlay> overlays = new HashMap<>();

    @BeforeAll
    static void load() {
        root = Repo.root();
        services = ServiceConfig.loadAll(root);
        for (String overlay : RenderedOverlay.OVERLAYS) {
            overlays.put(overlay, RenderedOverlay.render(root, overlay));
        }
    }

    private static RenderedOverlay overlay(String name) {
        return overlays.get(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void runsEveryServiceOnThePortItServesWithProbesOnItsActuatorGroups(String name) {
        RenderedOverlay overlay = overlay(name);
        for (ServiceConfig service : services.values()) {
            Deployment deployment = overlay.get(Deployment.class, service.name());
            Container container = container(deployment);
            int port = servedPort(service, container);
            assertThat(container.getPorts()).as("%s ports", service.name()).extracting(ContainerPort::getContainerPort)
                    .containsExactly(port);

            assertThat(service.string("management.endpoint.health.probes.enabled")).as("%s probes enabled", service.name())
                    .isEqualTo("true");
            assertProbe(service, container, container.getLivenessProbe(), "/actuator/health/liveness", port);
            assertProbe(service, container, container.getReadinessProbe(), "/actuator/health/readiness", port);
            assertProbe(service, container, container.getStartupProbe(), "/actuator/health/liveness", port);

            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).as("%s scrape annotations", service.name())
                    .containsEntry("prometheus.io/port", Integer.toString(port))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
            assertThat(service.string("management.endpoints.web.exposure.include")).as("%s exposes prometheus",
                    service.name()).contains("prometheus");

            Service clusterService = overlay.get(Service.class, service.name());
            assertThat(clusterService.getSpec().getSelector()).containsEntry(NAME, service.name());
            assertThat(clusterService.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).as("%s Service port", service.name()).isEqualTo(port);
                assertThat(targetPort(container, p.getTargetPort())).isEqualTo(port);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void setsOnlyVariablesTheServiceReads(String name) {
        RenderedOverlay overlay = overlay(name);
        for (ServiceConfig service : services.values()) {
            Container container = container(overlay.get(Deployment.class, service.name()));
            for (EnvVar env : container.getEnv()) {
                assertThat(ProcessVariables.readBy(service, env.getName()))
                        .as("%s in overlay %s: %s is a variable %s reads (application.yml or its properties records)",
                                service.name(), name, env.getName(), service.name())
                        .isTrue();
            }
            for (EnvFromSource from : container.getEnvFrom()) {
                assertThat(from.getSecretRef()).as("%s envFrom only from Secrets", service.name()).isNotNull();
                overlay.find(Secret.class, from.getSecretRef().getName()).ifPresent(secret -> {
                    for (String key : secretKeys(secret)) {
                        assertThat(ProcessVariables.readBy(service, key))
                                .as("%s: Secret %s key %s is a variable it reads", service.name(),
                                        secret.getMetadata().getName(), key)
                                .isTrue();
                    }
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void refersOnlyToSecretsAndConfigMapsThatExistOrAreCreatedOutOfBand(String name) {
        RenderedOverlay overlay = overlay(name);
        boolean inCluster = name.equals("dev");
        for (PodSpec pod : podSpecs(overlay).values()) {
            for (Container container : pod.getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        assertSecretKey(overlay, inCluster, ref.getName(), ref.getKey());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom()) {
                    String secret = from.getSecretRef().getName();
                    if (!Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        assertThat(overlay.find(Secret.class, secret).isPresent()
                                || (!inCluster && OUT_OF_BAND_SECRETS.contains(secret)))
                                .as("overlay %s: Secret %s exists", name, secret).isTrue();
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    assertThat(overlay.find(ConfigMap.class, volume.getConfigMap().getName()))
                            .as("overlay %s: ConfigMap %s exists", name, volume.getConfigMap().getName()).isPresent();
                }
                if (volume.getPersistentVolumeClaim() != null) {
                    assertThat(overlay.find(PersistentVolumeClaim.class, volume.getPersistentVolumeClaim().getClaimName()))
                            .as("overlay %s: claim %s", name, volume.getPersistentVolumeClaim().getClaimName()).isPresent();
                }
            }
        }
        if (!inCluster) {
            assertThat(overlay.all(Secret.class)).as("production keeps no secret values in git").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void pointsEveryServiceAddressAtTheServiceOfThatNameOnThePortItServes(String name) {
        RenderedOverlay overlay = overlay(name);
        int addresses = 0;
        for (ServiceConfig caller : services.values()) {
            for (EnvVar env : container(overlay.get(Deployment.class, caller.name())).getEnv()) {
                if (env.getValue() == null || !env.getValue().startsWith("http")) {
                    continue;
                }
                URI uri = URI.create(env.getValue());
                String target = uri.getHost();
                assertThat(services).as("%s: %s names a service", caller.name(), env.getName()).containsKey(target);
                assertThat(List.of(env.getName().split("_"))).as("%s: %s names the service it points at", caller.name(),
                        env.getName()).contains(target.replace("-service", "").toUpperCase(java.util.Locale.ROOT));
                Service clusterService = overlay.get(Service.class, target);
                ServicePort port = clusterService.getSpec().getPorts().stream()
                        .filter(p -> p.getPort() == uri.getPort()).findFirst()
                        .orElseThrow(() -> new AssertionError(env.getName() + ": no port " + uri.getPort() + " on " + target));
                Container served = container(overlay.get(Deployment.class, target));
                assertThat(targetPort(served, port.getTargetPort())).as("%s reaches the port %s serves", env.getName(), target)
                        .isEqualTo(services.get(target).port());
                addresses++;
            }
        }
        assertThat(addresses).as("service addresses checked").isGreaterThanOrEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void letsOnlyTheGatewayInFromOutsideAndEachServiceOnlyFromItsCallers(String name) {
        RenderedOverlay overlay = overlay(name);
        assertThat(overlay.all(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        });

        Map<String, Set<String>> callers = new LinkedHashMap<>();
        services.keySet().forEach(s -> callers.put(s, new TreeSet<>()));
        for (ServiceConfig caller : services.values()) {
            for (EnvVar env : container(overlay.get(Deployment.class, caller.name())).getEnv()) {
                if (env.getValue() != null && env.getValue().startsWith("http")) {
                    callers.get(URI.create(env.getValue()).getHost()).add(caller.name());
                }
            }
        }
        // Training Jobs run the trainer (single-job mode) and so call what it calls; external trainers
        // post their outcome to the trainer-service.
        for (Set<String> from : callers.values()) {
            if (from.contains("trainer-service")) {
                from.add(TRAINING_JOB);
            }
        }
        callers.get("trainer-service").add(TRAINING_JOB);
        callers.get("trainer-service").add("mixture-service");

        for (String target : services.keySet()) {
            Set<String> admitted = new TreeSet<>();
            boolean fromAnywhere = false;
            for (NetworkPolicy policy : policiesSelecting(overlay, target)) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                        fromAnywhere = true;
                        continue;
                    }
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        if (peer.getNamespaceSelector() != null) {
                            assertThat(peer.getNamespaceSelector().getMatchLabels())
                                    .as("%s: only the monitoring namespace is let in", target)
                                    .containsEntry("kubernetes.io/metadata.name", "monitoring");
                            assertThat(peer.getPodSelector().getMatchLabels()).containsEntry(NAME, "prometheus");
                            continue;
                        }
                        admitted.add(peer.getPodSelector().getMatchLabels().get(NAME));
                    }
                }
            }
            if (target.equals("gateway")) {
                assertThat(fromAnywhere).as("the gateway is reachable from outside").isTrue();
                continue;
            }
            assertThat(fromAnywhere).as("%s is not reachable from outside the namespace", target).isFalse();
            Set<String> expected = new TreeSet<>(callers.get(target));
            expected.add("gateway");
            assertThat(admitted).as("overlay %s: pods let into %s", name, target).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void runsEveryPodAsNonRootOnAReadOnlyRootWithWritableTmpAndDjlCache(String name) {
        for (Map.Entry<String, PodSpec> entry : podSpecs(overlay(name)).entrySet()) {
            PodSpec pod = entry.getValue();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", entry.getKey()).isTrue();
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as("%s privilege escalation", entry.getKey()).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as("%s read-only root", entry.getKey()).isTrue();
                assertThat(security.getCapabilities().getDrop()).as("%s capabilities", entry.getKey()).containsExactly("ALL");
                assertThat(container.getResources().getLimits()).as("%s memory limit", entry.getKey()).containsKey("memory");
                assertThat(container.getResources().getRequests()).as("%s requests", entry.getKey())
                        .containsKeys("cpu", "memory");
                assertWritable(pod, container, "/tmp", entry.getKey());
                for (EnvVar env : container.getEnv()) {
                    if (env.getName().equals("DJL_CACHE_DIR")) {
                        assertWritable(pod, container, env.getValue(), entry.getKey());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void sharesOneReadWriteManyCheckpointVolumeWhereTheServicesLookForIt(String name) {
        RenderedOverlay overlay = overlay(name);
        assertThat(overlay.get(PersistentVolumeClaim.class, CHECKPOINTS_CLAIM).getSpec().getAccessModes())
                .containsExactly("ReadWriteMany");
        Map<String, Boolean> writers = Map.of("trainer-service", true, "rollout-service", false);
        for (Map.Entry<String, Boolean> entry : writers.entrySet()) {
            Deployment deployment = overlay.get(Deployment.class, entry.getKey());
            Container container = container(deployment);
            String variable = "MODOMODO_" + entry.getKey().replace("-service", "").toUpperCase(java.util.Locale.ROOT)
                    + "_CHECKPOINTDIR";
            String dir = env(container, variable);
            assertThat(dir).as("%s sets %s", entry.getKey(), variable).isNotNull();
            VolumeMount mount = mountAt(container, dir);
            Volume volume = volume(deployment.getSpec().getTemplate().getSpec(), mount.getName());
            assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo(CHECKPOINTS_CLAIM);
            assertThat(!Boolean.TRUE.equals(mount.getReadOnly())).as("%s writes checkpoints", entry.getKey())
                    .isEqualTo(entry.getValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void budgetsEveryServiceAndAutoscalesRewardAndRollout(String name) {
        RenderedOverlay overlay = overlay(name);
        for (String service : services.keySet()) {
            PodDisruptionBudget budget = overlay.get(PodDisruptionBudget.class, service);
            assertThat(budget.getSpec().getSelector().getMatchLabels()).containsEntry(NAME, service);
            assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        }
        assertThat(overlay.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("reward-service", "rollout-service");
        for (HorizontalPodAutoscaler hpa : overlay.all(HorizontalPodAutoscaler.class)) {
            Deployment target = overlay.get(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            assertThat(target.getSpec().getReplicas()).as("%s replicas are the autoscaler's", target.getMetadata().getName())
                    .isNull();
            assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(container(target).getResources().getRequests()).as("CPU utilisation needs a request")
                    .containsKey("cpu");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "gpu"})
    void letsOnlyTheTrainerManageJobsAndReadPodsInItsNamespace(String name) {
        RenderedOverlay overlay = overlay(name);
        assertThat(overlay.all(ClusterRole.class)).isEmpty();
        assertThat(overlay.all(ClusterRoleBinding.class)).isEmpty();
        Role role = overlay.get(Role.class, "trainer-job-launcher");
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    rules.put(group + "/" + resource, new TreeSet<>(rule.getVerbs()));
                }
            }
        }
        assertThat(rules).isEqualTo(Map.of(
                "batch/jobs", new TreeSet<>(List.of("get", "list", "watch", "create", "delete")),
                "/pods", new TreeSet<>(List.of("get", "list", "watch")),
                "/pods/log", new TreeSet<>(List.of("get"))));
        RoleBinding binding = overlay.get(RoleBinding.class, "trainer-job-launcher");
        assertThat(binding.getRoleRef().getName()).isEqualTo("trainer-job-launcher");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("trainer-service");
        });
        Map<String, PodSpec> pods = podSpecs(overlay);
        assertThat(pods.get("trainer-service").getServiceAccountName()).isEqualTo("trainer-service");
        pods.forEach((pod, spec) -> {
            if (!pod.equals("trainer-service")) {
                assertThat(spec.getAutomountServiceAccountToken()).as("%s mounts no API token", pod).isFalse();
            }
        });
        assertThat(overlay.get(ServiceAccount.class, "trainer-job").getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void devRunsPostgresAndGivesEachServiceItsOwnDatabaseAsInitSqlCreatesIt() {
        RenderedOverlay dev = overlay("dev");
        StatefulSet postgres = dev.get(StatefulSet.class, "postgres");
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).isNotEmpty();
        Service postgresService = dev.get(Service.class, "postgres");
        String initSql = ServiceConfig.read(root.resolve("deploy/postgres/init.sql"));
        String initConfigMap = dev.get(ConfigMap.class, "postgres-init").getData().get("init.sql");
        assertThat(statements(initConfigMap)).as("postgres-init equals deploy/postgres/init.sql")
                .isEqualTo(statements(initSql));

        for (String service : List.of("mixture-service", "trainer-service")) {
            Container container = container(dev.get(Deployment.class, service));
            Map<String, String> datasource = new HashMap<>();
            for (String key : List.of("url", "username", "password")) {
                EnvVar env = container.getEnv().stream()
                        .filter(e -> e.getName().equals("SPRING_DATASOURCE_" + key.toUpperCase(java.util.Locale.ROOT)))
                        .findFirst().orElseThrow(() -> new AssertionError(service + " has no datasource " + key));
                var ref = env.getValueFrom().getSecretKeyRef();
                datasource.put(key, secretValue(dev.get(Secret.class, ref.getName()), ref.getKey()));
            }
            URI url = URI.create(datasource.get("url").substring("jdbc:".length()));
            assertThat(url.getHost()).isEqualTo(postgresService.getMetadata().getName());
            assertThat(url.getPort()).isEqualTo(postgresService.getSpec().getPorts().get(0).getPort());
            String database = url.getPath().substring(1);
            String defaultDatabase = services.get(service).string("spring.datasource.url").replaceAll(".*/", "");
            assertThat(database).as("%s uses the database its application.yml names", service).isEqualTo(defaultDatabase);
            assertThat(statements(initSql)).as("init.sql creates %s's user and database", service).contains(
                    "CREATE USER " + datasource.get("username") + " PASSWORD '" + datasource.get("password") + "'",
                    "CREATE DATABASE " + database + " OWNER " + datasource.get("username"));
        }
    }

    @Test
    void productionRequiresTheGatewayApiKeys() {
        for (String name : List.of("production", "gpu")) {
            Container gateway = container(overlay(name).get(Deployment.class, "gateway"));
            assertThat(gateway.getEnvFrom()).anySatisfy(from -> {
                assertThat(from.getSecretRef().getName()).isEqualTo("gateway-api-keys");
                assertThat(from.getSecretRef().getOptional()).isFalse();
            });
        }
    }

    @Test
    void gpuPutsRolloutOnGpuNodesAndConfiguresTheKubernetesLauncherWithKeysTheTrainerReads() {
        RenderedOverlay gpu = overlay("gpu");
        PodSpec rollout = gpu.get(Deployment.class, "rollout-service").getSpec().getTemplate().getSpec();
        assertThat(container(gpu.get(Deployment.class, "rollout-service")).getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(rollout.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
        assertThat(rollout.getNodeSelector()).isNotEmpty();

        Deployment trainer = gpu.get(Deployment.class, "trainer-service");
        Container container = container(trainer);
        assertThat(env(container, "MODOMODO_TRAINER_LAUNCHER")).isEqualTo("kubernetes");
        String location = env(container, "SPRING_CONFIG_ADDITIONALLOCATION");
        String dir = location.replaceFirst("^optional:", "").replaceFirst("^file:", "");
        VolumeMount mount = mountAt(container, dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir);
        ConfigMap config = gpu.get(ConfigMap.class,
                volume(trainer.getSpec().getTemplate().getSpec(), mount.getName()).getConfigMap().getName());
        String file = config.getData().get("application.yml");
        assertThat(file).as("the launcher's configuration file").isNotNull();
        Map<?, ?> document = new Yaml().load(file);
        List<List<String>> keys = YamlKeys.leaves(document);
        assertThat(keys).isNotEmpty();
        for (List<String> key : keys) {
            assertThat(services.get("trainer-service").keys().readsKey(key))
                    .as("the trainer-service reads %s", String.join(".", key)).isTrue();
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        ServiceConfig.flatten("", document, flat);
        assertThat(flat).containsEntry("modomodo.trainer.kubernetes.resources.gpus", 1);
    }

    @Test
    void rendersEveryOverlayWithKubectlWhenItIsThere() {
        // Which path RenderedOverlay took is visible here; both end in the same checks above.
        for (String name : RenderedOverlay.OVERLAYS) {
            assertThat(overlay(name).objects()).as("objects in %s", name).hasSizeGreaterThan(25);
        }
        System.out.println("overlays rendered " + (RenderedOverlay.kubectlPresent()
                ? "with kubectl kustomize and compared with k8s/rendered" : "from k8s/rendered (no kubectl)"));
    }

    private static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        for (String line : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            String statement = line.replaceAll("\\s+", " ").trim();
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return statements;
    }

    private static Map<String, PodSpec> podSpecs(RenderedOverlay overlay) {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            pods.put(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec());
        }
        for (StatefulSet set : overlay.all(StatefulSet.class)) {
            pods.put(set.getMetadata().getName(), set.getSpec().getTemplate().getSpec());
        }
        return pods;
    }

    private static List<NetworkPolicy> policiesSelecting(RenderedOverlay overlay, String service) {
        PodTemplateSpec template = overlay.get(Deployment.class, service).getSpec().getTemplate();
        Map<String, String> labels = template.getMetadata().getLabels();
        List<NetworkPolicy> selecting = new ArrayList<>();
        for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
            Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
            if (selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet())) {
                selecting.add(policy);
            }
        }
        return selecting;
    }

    private static void assertSecretKey(RenderedOverlay overlay, boolean inCluster, String secret, String key) {
        var found = overlay.find(Secret.class, secret);
        if (found.isPresent()) {
            assertThat(secretKeys(found.get())).as("Secret %s has key %s", secret, key).contains(key);
        }
        else {
            assertThat(!inCluster && OUT_OF_BAND_SECRETS.contains(secret))
                    .as("overlay %s: Secret %s exists or is documented as created out of band", overlay.name(), secret)
                    .isTrue();
        }
    }

    private static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new LinkedHashSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        return new String(java.util.Base64.getDecoder().decode(secret.getData().get(key)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("%s containers", deployment.getMetadata().getName()).hasSize(1);
        return containers.get(0);
    }

    private static int servedPort(ServiceConfig service, Container container) {
        String override = env(container, "SERVER_PORT");
        return override != null ? Integer.parseInt(override) : service.port();
    }

    private static void assertProbe(ServiceConfig service, Container container, Probe probe, String path, int port) {
        assertThat(probe).as("%s probe on %s", service.name(), path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).as("%s probe path", service.name()).isEqualTo(path);
        assertThat(targetPort(container, get.getPort())).as("%s probe port", service.name()).isEqualTo(port);
    }

    private static int targetPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> Objects.equals(p.getName(), port.getStrVal()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElse(null);
    }

    private static VolumeMount mountAt(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + ": nothing mounted at " + path));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static void assertWritable(PodSpec pod, Container container, String path, String owner) {
        VolumeMount mount = mountAt(container, path);
        assertThat(mount.getReadOnly()).as("%s: %s writable", owner, path).isNotEqualTo(Boolean.TRUE);
        assertThat(volume(pod, mount.getName()).getEmptyDir()).as("%s: %s is an emptyDir", owner, path).isNotNull();
    }
}
