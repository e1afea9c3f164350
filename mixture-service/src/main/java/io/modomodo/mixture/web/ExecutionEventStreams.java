package io.modomodo.mixture.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.modomodo.api.mixture.ExecutionResponse;
import io.modomodo.mixture.service.ExecutionService;

/**
 * Server-sent events of an execution: an {@code execution} event with the whole execution each time
 * its status, phase, job counts, detail or error change (read from the database, so any replica
 * serves any execution), and the end of the stream once it has ended. One scheduler thread serves
 * every stream; no request thread is held.
 */
@Component
class ExecutionEventStreams implements DisposableBean {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final ExecutionService executions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "execution-events");
        t.setDaemon(true);
        return t;
    });

    ExecutionEventStreams(ExecutionService executions) {
        this.executions = executions;
    }

    /** Opens a stream; an unknown study or execution is a 404 before the stream starts. */
    SseEmitter open(String studyId, String executionId) {
        executions.get(studyId, executionId);
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        AtomicReference<Object> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> f = task.get();
            if (f != null) {
                f.cancel(false);
            }
        };
        task.set(timer.scheduleWithFixedDelay(() -> {
            try {
                ExecutionResponse now = executions.get(studyId, executionId);
                Object key = java.util.List.of(now.status(), now.phase(), now.jobs(), Objects.toString(now.detail()),
                        Objects.toString(now.error()));
                if (!key.equals(last.getAndSet(key))) {
                    emitter.send(SseEmitter.event().name("execution").data(now, MediaType.APPLICATION_JSON));
                }
                if (!"RUNNING".equals(now.status())) {
                    stop.run();
                    emitter.complete();
                }
            }
            catch (IOException | RuntimeException gone) {
                // The client went away (or the execution did): end this stream only.
                stop.run();
                emitter.completeWithError(gone);
            }
        }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        return emitter;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
