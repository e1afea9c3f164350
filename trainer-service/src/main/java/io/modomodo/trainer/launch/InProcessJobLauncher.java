package io.modomodo.trainer.launch;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.modomodo.trainer.config.TrainerProperties;
import io.modomodo.trainer.run.JobRunner;
import io.modomodo.trainer.run.TrainerMetrics;

/**
 * Runs jobs on this replica: a poller claims the oldest queued job (or one whose replica died, so it resumes from its
 * last checkpoint) whenever a slot of {@code runner.concurrent-jobs} is free. Submitting a job only wakes the
 * poller; the database decides which replica gets it.
 */
public class InProcessJobLauncher implements JobLauncher {

    private static final Logger log = LoggerFactory.getLogger(InProcessJobLauncher.class);

    private final JobRunner runner;
    private final TrainerProperties properties;
    private final TrainerMetrics metrics;
    private final AtomicInteger busy = new AtomicInteger();
    private final ExecutorService workers;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-poller");
        thread.setDaemon(true);
        return thread;
    });

    public InProcessJobLauncher(JobRunner runner, TrainerProperties properties, TrainerMetrics metrics) {
        this.runner = runner;
        this.properties = properties;
        this.metrics = metrics;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.runner().concurrentJobs(), r -> {
            Thread thread = new Thread(r, "job-runner-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        long millis = properties.runner().pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void launch(UUID jobId) {
        poller.execute(this::poll);
    }

    @Override
    public void cancel(UUID jobId) {
        runner.cancel(jobId);
    }

    private void poll() {
        try {
            metrics.refreshStatusCounts();
            while (busy.get() < properties.runner().concurrentJobs() && !poller.isShutdown()) {
                Optional<UUID> claimed = runner.claimNext();
                if (claimed.isEmpty()) {
                    return;
                }
                busy.incrementAndGet();
                UUID id = claimed.get();
                workers.execute(() -> {
                    try {
                        runner.run(id);
                    }
                    finally {
                        busy.decrementAndGet();
                        if (!poller.isShutdown()) {
                            poller.execute(this::poll);
                        }
                    }
                });
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not look for queued jobs: {}", ex.getMessage());
        }
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        poller.shutdownNow();
        runner.stopAll();
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
