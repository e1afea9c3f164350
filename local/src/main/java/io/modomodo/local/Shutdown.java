package io.modomodo.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One JVM shutdown hook that runs its actions newest first. The JVM runs separate hooks
 * concurrently; here the order matters: a study's execution is cancelled while the gateway still
 * answers, and the services stop before their database.
 */
public final class Shutdown {

    private static final Deque<Runnable> actions = new ArrayDeque<>();
    private static boolean installed;
    private static volatile boolean running;

    private Shutdown() {
    }

    /** Runs {@code action} at JVM exit (Ctrl-C, SIGTERM, System.exit) unless removed first. */
    public static synchronized void register(Runnable action) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(Shutdown::runAll, "modomodo-shutdown"));
            installed = true;
        }
        actions.push(action);
    }

    /** Forgets {@code action}: it has been done already, or no longer applies. */
    public static synchronized void remove(Runnable action) {
        actions.remove(action);
    }

    /** True while the JVM is shutting down (Ctrl-C or SIGTERM included). */
    public static boolean inProgress() {
        return running;
    }

    private static void runAll() {
        running = true;
        while (true) {
            Runnable next;
            synchronized (Shutdown.class) {
                next = actions.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.run();
            }
            catch (RuntimeException ex) {
                System.err.println("modomodo: while shutting down: " + ex.getMessage());
            }
        }
    }
}
