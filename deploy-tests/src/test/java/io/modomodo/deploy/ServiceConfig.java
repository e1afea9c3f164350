package io.modomodo.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * What one service's own files say about how it is deployed: its port, its actuator exposure, its default
 * database, and every key it reads (from its application*.yml files and the @ConfigurationProperties
 * records, {@code @Value} placeholders and {@code @ConditionalOnProperty} conditions of its sources and of
 * the project modules it depends on).
 */
record ServiceConfig(String name, Path dir, Map<String, Object> yml, ReadableKeys keys, boolean usesDjl) {

    static final List<String> SERVICES = List.of("gateway", "rollout-service", "reward-service", "trainer-service",
            "mixture-service");

    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(modomodo-[a-z-]+)</artifactId>");

    static Map<String, ServiceConfig> loadAll(Path root) {
        Map<String, ServiceConfig> configs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            configs.put(service, load(root, service));
        }
        return configs;
    }

    static ServiceConfig load(Path root, String service) {
        Path dir = root.resolve(service);
        Map<String, Object> yml = new LinkedHashMap<>();
        ReadableKeys keys = new ReadableKeys();
        for (Path file : list(dir.resolve("src/main/resources"), "application", ".yml")) {
            for (Object document : new Yaml().loadAll(read(file))) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, yml);
                    YamlKeys.collect(map, keys);
                }
            }
        }
        List<Path> sources = new ArrayList<>();
        Set<Path> modules = modulesOf(root, dir, new LinkedHashSet<>());
        for (Path module : modules) {
            sources.addAll(javaFiles(module.resolve("src/main/java")));
        }
        SourceKeys.collect(sources, keys);
        return new ServiceConfig(service, dir, yml, keys, modules.contains(root.resolve("libs/policy")));
    }

    int port() {
        return Integer.parseInt(String.valueOf(yml.get("server.port")));
    }

    String string(String key) {
        Object value = yml.get(key);
        return value == null ? null : String.valueOf(value);
    }

    /** The service and the project modules it depends on, transitively, by their pom's artifactIds. */
    private static Set<Path> modulesOf(Path root, Path module, Set<Path> seen) {
        if (!seen.add(module)) {
            return seen;
        }
        String pom = read(module.resolve("pom.xml"));
        String self = null;
        Matcher matcher = ARTIFACT.matcher(pom);
        List<String> artifacts = new ArrayList<>();
        while (matcher.find()) {
            artifacts.add(matcher.group(1));
        }
        Map<String, Path> byArtifact = projectModules(root);
        for (String artifact : artifacts) {
            Path dependency = byArtifact.get(artifact);
            if (dependency != null && !dependency.equals(module) && !artifact.equals("modomodo-parent")
                    && !artifact.equals("modomodo-testing")) {
                modulesOf(root, dependency, seen);
            }
        }
        return seen;
    }

    private static Map<String, Path> projectModules(Path root) {
        Map<String, Path> modules = new LinkedHashMap<>();
        Pattern own = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
        for (Path pom : poms(root)) {
            Matcher matcher = own.matcher(read(pom));
            if (matcher.find()) {
                modules.put(matcher.group(1), pom.getParent());
            }
        }
        return modules;
    }

    private static List<Path> poms(Path root) {
        List<Path> poms = new ArrayList<>();
        for (Path parent : List.of(root, root.resolve("libs"))) {
            try (Stream<Path> children = Files.list(parent)) {
                children.map(child -> child.resolve("pom.xml")).filter(Files::isRegularFile).forEach(poms::add);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return poms;
    }

    @SuppressWarnings("unchecked")
    static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child) {
                flatten(key, child, into);
            }
            else if (entry.getValue() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Map<?, ?> child) {
                        flatten(key + "[" + i + "]", child, into);
                    }
                    else {
                        into.put(key + "[" + i + "]", item);
                    }
                }
            }
            else {
                into.put(key, entry.getValue());
            }
        }
    }

    private static List<Path> list(Path dir, String prefix, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix);
            }).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Object loadYaml(InputStream in) {
        return new Yaml().load(in);
    }
}
