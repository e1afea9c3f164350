package io.modomodo.local.cli;

import java.nio.file.Path;

/** Where the repository is: the {@code ./modomodo} script passes it; otherwise the current directory. */
final class Home {

    private Home() {
    }

    static Path repository() {
        String home = System.getProperty("modomodo.home");
        return (home != null && !home.isBlank() ? Path.of(home) : Path.of("")).toAbsolutePath().normalize();
    }

    static Path defaultWorkDirectory() {
        return repository().resolve(".modomodo");
    }

    /** Whether output goes to a person's terminal (progress redrawn in place) or to a log. */
    static boolean interactive() {
        return System.console() != null;
    }
}
