package io.modomodo.gateway.domain;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A token bucket: holds at most {@code burst} tokens, gains {@code requestsPerSecond} tokens a second,
 * and each request takes one. It starts full, so a client may spend its burst at once and then
 * continues at the sustained rate. Lock-free: the state is one immutable value swapped by
 * compare-and-set, so concurrent requests of one client never block each other.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final double requestsPerSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final AtomicReference<State> state;

    /**
     * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public TokenBucket(double requestsPerSecond, int burst, LongSupplier nanoClock) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive and finite: " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.state = new AtomicReference<>(new State(burst, nanoClock.getAsLong()));
    }

    /**
     * Takes one token if there is one.
     *
     * @return 0 when the request may pass, else how many nanoseconds until a token is there
     */
    public long tryAcquire() {
        while (true) {
            State current = state.get();
            long now = nanoClock.getAsLong();
            // nanoTime of two threads can be read out of order; time never runs backwards here.
            long elapsed = Math.max(0, now - current.at());
            double tokens = Math.min(burst, current.tokens() + elapsed * requestsPerSecond / NANOS_PER_SECOND);
            long at = Math.max(now, current.at());
            if (tokens >= 1) {
                if (state.compareAndSet(current, new State(tokens - 1, at))) {
                    return 0;
                }
            }
            else {
                // A refused request takes nothing, so the state need not change.
                return Math.max(1, (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / requestsPerSecond));
            }
        }
    }

    /** Tokens available now (for metrics and tests; another thread may take them the next moment). */
    public double available() {
        State current = state.get();
        long elapsed = Math.max(0, nanoClock.getAsLong() - current.at());
        return Math.min(burst, current.tokens() + elapsed * requestsPerSecond / NANOS_PER_SECOND);
    }

    private record State(double tokens, long at) {
    }
}
