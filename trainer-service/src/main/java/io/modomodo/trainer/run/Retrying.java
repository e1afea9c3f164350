package io.modomodo.trainer.run;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import io.modomodo.trainer.config.TrainerProperties;

/**
 * Calls another service until it answers. A connection failure, a 5xx or a 429 is waited out with exponential
 * back-off (shown in the job's {@code detail}); a job never goes on with a batch the service did not score.
 * Past {@code retryLimit} of consecutive waiting, or on a 4xx that retrying cannot fix, the call fails with a
 * sentence naming the service.
 */
final class Retrying {

    /** What the caller offers the wait: somewhere to say what it waits for, and a sleep that stops when asked. */
    interface Waiter {
        void waiting(String detail);

        void resumed();

        /** Sleeps, or throws {@link StopRequested} as soon as the job must stop. */
        void sleep(Duration duration);
    }

    private final TrainerProperties.Runner settings;

    Retrying(TrainerProperties.Runner settings) {
        this.settings = settings;
    }

    <T> T call(String service, Supplier<T> call, Waiter waiter) {
        long firstFailure = 0;
        Duration backOff = settings.retryInitial();
        for (int attempt = 1;; attempt++) {
            try {
                T result = call.get();
                if (attempt > 1) {
                    waiter.resumed();
                }
                return result;
            }
            catch (ResourceAccessException | HttpServerErrorException ex) {
                firstFailure = firstFailure == 0 ? System.nanoTime() : firstFailure;
                backOff = wait(service, attempt, firstFailure, backOff, reason(ex), ex, waiter);
            }
            catch (HttpClientErrorException ex) {
                if (ex.getStatusCode().value() != 429) {
                    throw new ServiceUnavailableException(service + " refused the request (" + ex.getStatusCode().value()
                            + "): " + problemDetail(ex), ex);
                }
                firstFailure = firstFailure == 0 ? System.nanoTime() : firstFailure;
                Duration after = ex.getResponseHeaders() == null ? null : retryAfter(ex.getResponseHeaders()
                        .getFirst("Retry-After"));
                backOff = wait(service, attempt, firstFailure, after == null ? backOff : after, "busy (429)", ex, waiter);
            }
        }
    }

    private Duration wait(String service, int attempt, long firstFailure, Duration backOff, String reason,
            RuntimeException cause, Waiter waiter) {
        Duration waited = Duration.ofNanos(System.nanoTime() - firstFailure);
        if (waited.compareTo(settings.retryLimit()) >= 0) {
            throw new ServiceUnavailableException(service + " unreachable for " + waited.toSeconds() + " s ("
                    + attempt + " attempts, retry limit " + settings.retryLimit().toSeconds() + " s): " + reason, cause);
        }
        waiter.waiting("waiting for " + service + " (" + reason + "): retry " + attempt + " in "
                + Math.max(1, Math.round(backOff.toMillis() / 1000.0)) + " s");
        waiter.sleep(backOff);
        Duration next = backOff.multipliedBy(2);
        return next.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : next;
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String reason(RuntimeException ex) {
        if (ex instanceof RestClientResponseException response) {
            return "status " + response.getStatusCode().value();
        }
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String problemDetail(RestClientResponseException ex) {
        String body = ex.getResponseBodyAsString();
        return body.length() > 500 ? body.substring(0, 500) : body;
    }
}
