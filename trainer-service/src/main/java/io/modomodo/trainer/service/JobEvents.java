package io.modomodo.trainer.service;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.modomodo.api.trainer.EvaluationResponse;
import io.modomodo.trainer.repository.EvaluationRepository;
import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.repository.JobRow;

/**
 * Server-sent events of a job: {@code status} when it changes, {@code step} for each step done, {@code evaluation}
 * for each evaluation stored. They are read from the database, so a client connected to any replica follows a job
 * running on any other; the stream ends after the job's final status.
 */
@Service
public class JobEvents {

    private final JobRepository jobs;
    private final EvaluationRepository evaluations;
    private final long intervalMillis;
    private final Map<SseEmitter, ScheduledFuture<?>> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "job-events");
        thread.setDaemon(true);
        return thread;
    });

    public JobEvents(JobRepository jobs, EvaluationRepository evaluations,
            @Value("${modomodo.trainer.events-interval:PT1S}") java.time.Duration interval) {
        this.jobs = jobs;
        this.evaluations = evaluations;
        this.intervalMillis = interval.toMillis();
    }

    public SseEmitter subscribe(UUID id) {
        SseEmitter emitter = new SseEmitter(0L);
        Follower follower = new Follower(id, emitter);
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(follower::poll, 0, intervalMillis,
                TimeUnit.MILLISECONDS);
        streams.put(emitter, task);
        Runnable end = () -> {
            ScheduledFuture<?> t = streams.remove(emitter);
            if (t != null) {
                t.cancel(false);
            }
        };
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(error -> end.run());
        return emitter;
    }

    private final class Follower {
        final UUID id;
        final SseEmitter emitter;
        String status;
        int step = -1;
        int evaluationCount;

        Follower(UUID id, SseEmitter emitter) {
            this.id = id;
            this.emitter = emitter;
        }

        void poll() {
            try {
                JobRow row = jobs.find(id).orElse(null);
                if (row == null) {
                    emitter.complete();
                    return;
                }
                if (row.step() != step && row.step() > 0) {
                    step = row.step();
                    emitter.send(SseEmitter.event().name("step").data(Map.of("step", row.step(), "steps", row.steps())));
                }
                var list = evaluations.list(id);
                for (EvaluationResponse evaluation : list.subList(Math.min(evaluationCount, list.size()), list.size())) {
                    emitter.send(SseEmitter.event().name("evaluation").data(evaluation));
                }
                evaluationCount = Math.max(evaluationCount, list.size());
                if (!row.status().equals(status)) {
                    status = row.status();
                    Map<String, Object> data = new java.util.LinkedHashMap<>();
                    data.put("status", row.status());
                    data.put("step", row.step());
                    if (row.error() != null) {
                        data.put("error", row.error());
                    }
                    emitter.send(SseEmitter.event().name("status").data(data));
                }
                if (row.finished()) {
                    emitter.complete();
                }
            }
            catch (IOException | IllegalStateException ex) {
                emitter.completeWithError(ex);
            }
            catch (RuntimeException ex) {
                // The database is unreachable for a moment: try again at the next tick.
            }
        }
    }

    @PreDestroy
    void stop() {
        streams.keySet().forEach(SseEmitter::complete);
        scheduler.shutdownNow();
    }
}
