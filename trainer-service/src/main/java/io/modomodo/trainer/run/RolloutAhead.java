package io.modomodo.trainer.run;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modomodo.api.client.RolloutClient;
import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.RolloutResponse;

/**
 * The rollout-service call of a job's next step, made on a thread of its own while the job's thread updates the
 * policy ({@code one-step-off} mode). The call goes through {@link Retrying} as a synchronous one does, and a stop
 * of the job ends its waits. Closing abandons a call still in flight and returns once its thread has ended, so no
 * rollout outlives the run that started it.
 */
final class RolloutAhead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RolloutAhead.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService executor;
    private final Retrying retrying;
    private final RolloutClient rollout;
    private final Retrying.Waiter job;
    private final Runnable stopCheck;
    private volatile boolean closed;

    /**
     * @param job where the waits of the job are shown
     * @param stopCheck throws {@link StopRequested} when the job must stop
     */
    RolloutAhead(UUID id, Retrying retrying, RolloutClient rollout, Retrying.Waiter job, Runnable stopCheck) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "rollout-ahead-" + id);
            thread.setDaemon(true);
            return thread;
        });
        this.retrying = retrying;
        this.rollout = rollout;
        this.job = job;
        this.stopCheck = stopCheck;
    }

    /** Starts the call; its answer, or what it threw, is in the future. */
    Future<RolloutResponse> start(RolloutRequest request) {
        Retrying.Waiter waiter = new Retrying.Waiter() {
            @Override
            public void waiting(String detail) {
                checkOpen();
                job.waiting(detail);
            }

            @Override
            public void resumed() {
                checkOpen();
                job.resumed();
            }

            @Override
            public void sleep(Duration duration) {
                // Not the job's own sleep: an interrupt here means this call was abandoned, not that the replica
                // shuts down, and must not decide how the job ends.
                long until = System.nanoTime() + duration.toNanos();
                while (true) {
                    checkOpen();
                    stopCheck.run();
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL.toNanos()));
                    }
                    catch (InterruptedException ex) {
                        throw new StopRequested("rollout abandoned");
                    }
                }
            }
        };
        return executor.submit(() -> retrying.call("rollout-service", () -> {
            checkOpen();
            return rollout.rollout(request);
        }, waiter));
    }

    private void checkOpen() {
        if (closed) {
            throw new StopRequested("rollout abandoned");
        }
    }

    @Override
    public void close() {
        closed = true;
        // The interrupt ends an HTTP exchange in flight (the JDK client gives up on it); the call then sees it is closed.
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("A rollout call did not end within {} s of being abandoned", CLOSE_TIMEOUT.toSeconds());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
