package io.modomodo.local.study;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Wall time an execution spent in each phase ({@code pilot}, {@code explore-1}, {@code final}, …), as seen by a
 * client polling it: a phase starts when a poll first sees it and ends when a poll first sees the next one, so
 * each figure is exact to one poll interval. The execution API reports the current phase only.
 */
final class PhaseClock {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private String current;
    private long since;

    /** Records that a poll at {@code nowNanos} saw the execution in {@code phase} (null: unknown, ignored). */
    void saw(String phase, long nowNanos) {
        if (phase == null || phase.isBlank()) {
            return;
        }
        if (current != null) {
            nanos.merge(current, nowNanos - since, Long::sum);
        }
        if (!phase.equals(current)) {
            nanos.putIfAbsent(phase, 0L);
        }
        current = phase;
        since = nowNanos;
    }

    /** Seconds per phase in the order the phases were first seen. */
    Map<String, Duration> durations() {
        Map<String, Duration> out = new LinkedHashMap<>();
        nanos.forEach((phase, n) -> out.put(phase, Duration.ofNanos(n)));
        return out;
    }

    /** {@code pilot 6m 02s, fit 4s, final 4m 10s}; phases that ended the run (done, failed) are left out. */
    String summary() {
        StringJoiner line = new StringJoiner(", ");
        durations().forEach((phase, d) -> {
            if (!d.isZero()) {
                line.add(phase + " " + Durations.format(d));
            }
        });
        return line.toString();
    }
}
