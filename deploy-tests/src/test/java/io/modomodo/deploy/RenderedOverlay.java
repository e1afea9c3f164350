package io.modomodo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * One kustomize overlay rendered to objects of fabric8's typed model. With {@code kubectl} on the PATH the
 * overlay is rendered here and must equal the committed {@code k8s/rendered/<overlay>.yaml}; without it,
 * the committed rendering is read and must have been made from the k8s/ files as they are now (their
 * digest is committed beside it). {@code k8s/render.sh} refreshes both.
 */
record RenderedOverlay(String name, String yaml, List<HasMetadata> objects) {

    static final List<String> OVERLAYS = List.of("dev", "production", "gpu");

    static RenderedOverlay render(Path root, String overlay) {
        Path committed = root.resolve("k8s/rendered/" + overlay + ".yaml");
        assertThat(committed).as("committed rendering of %s (run k8s/render.sh)", overlay).exists();
        String yaml = ServiceConfig.read(committed);
        Optional<String> fresh = kubectlKustomize(root.resolve("k8s/overlays/" + overlay));
        if (fresh.isPresent()) {
            assertThat(yaml).as("k8s/rendered/%s.yaml is what 'kubectl kustomize' renders now (run k8s/render.sh)",
                    overlay).isEqualTo(fresh.get());
        }
        else {
            String digest = ServiceConfig.read(root.resolve("k8s/rendered/inputs.sha256")).trim();
            assertThat(inputsDigest(root)).as("k8s/ changed since k8s/rendered was made (run k8s/render.sh)")
                    .isEqualTo(digest);
        }
        return new RenderedOverlay(overlay, yaml, load(yaml));
    }

    static boolean kubectlPresent() {
        return kubectl().isPresent();
    }

    static List<HasMetadata> load(String yaml) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            HasMetadata object = serialization.unmarshal(document);
            assertThat(object).as("a kind fabric8's model knows: %s", document.lines().limit(3).toList())
                    .isNotInstanceOf(GenericKubernetesResource.class);
            objects.add(object);
        }
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(
                () -> new AssertionError(name + ": no " + type.getSimpleName() + " of that name in overlay " + this.name));
    }

    /**
     * The digest of every file under k8s/base and k8s/overlays, as
     * {@code find k8s/base k8s/overlays -type f | LC_ALL=C sort | xargs sha256sum | sha256sum} prints it.
     */
    static String inputsDigest(Path root) {
        List<String> paths;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("k8s/base")),
                Files.walk(root.resolve("k8s/overlays")))) {
            paths = files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        StringBuilder listing = new StringBuilder();
        for (String path : paths) {
            try {
                listing.append(sha256(Files.readAllBytes(root.resolve(path)))).append("  ").append(path).append('\n');
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Optional<Path> kubectl() {
        // -Dmodomodo.kubectl=none checks the committed rendering as a machine without kubectl would.
        if ("none".equals(System.getProperty("modomodo.kubectl"))) {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable).findFirst();
    }

    private static Optional<String> kubectlKustomize(Path dir) {
        Optional<Path> kubectl = kubectl();
        if (kubectl.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            try {
                Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectErrorStream(false).start();
                String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("kubectl kustomize %s finished", dir).isTrue();
                assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, errors).isZero();
                return Optional.of(Files.readString(out));
            }
            finally {
                Files.deleteIfExists(out);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
