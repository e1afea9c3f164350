package io.modomodo.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root: set by the build ({@code modomodo.root}), else found above the working directory. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("modomodo.root");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (with k8s/ and docker-compose.yml) above " + start);
    }
}
