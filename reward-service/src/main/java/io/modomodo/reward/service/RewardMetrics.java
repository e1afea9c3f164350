package io.modomodo.reward.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Reward metrics: items verified by verifier and outcome, extraction failures, batch latency and size.
 * Counters are created once; a batch adds its tallies at the end, so the per-item cost is an array
 * increment.
 */
class RewardMetrics {

    static final String ITEMS = "modomodo.rewards.items";
    static final String EXTRACTION_FAILURES = "modomodo.rewards.extraction.failures";
    static final String BATCH = "modomodo.rewards.batch";
    static final String BATCH_SIZE = "modomodo.rewards.batch.size";

    /** Outcomes, by index: accuracy 1, in (0, 1), 0, and an answer the verifier could not read. */
    static final String[] OUTCOMES = {"correct", "partial", "incorrect", "unreadable"};
    static final int CORRECT = 0;
    static final int PARTIAL = 1;
    static final int INCORRECT = 2;
    static final int UNREADABLE = 3;
    /** Extraction failures, by index: no answer block or \boxed{} in the response; verifier could not read it. */
    static final String[] FAILURES = {"no_answer_block", "unreadable"};

    private final Map<String, Integer> index = new HashMap<>();
    private final Counter[][] items;
    private final Counter[][] failures;
    private final Map<String, Timer> batchTimers = new HashMap<>();
    private final Map<String, DistributionSummary> batchSizes = new HashMap<>();

    RewardMetrics(MeterRegistry meters, List<String> verifiers) {
        items = new Counter[verifiers.size()][OUTCOMES.length];
        failures = new Counter[verifiers.size()][FAILURES.length];
        for (int v = 0; v < verifiers.size(); v++) {
            String verifier = verifiers.get(v);
            index.put(verifier, v);
            for (int o = 0; o < OUTCOMES.length; o++) {
                items[v][o] = Counter.builder(ITEMS).description("Items verified, by verifier and outcome")
                        .tag("verifier", verifier).tag("outcome", OUTCOMES[o]).register(meters);
            }
            for (int f = 0; f < FAILURES.length; f++) {
                failures[v][f] = Counter.builder(EXTRACTION_FAILURES)
                        .description("Responses whose answer could not be extracted or read")
                        .tag("verifier", verifier).tag("reason", FAILURES[f]).register(meters);
            }
        }
        for (String endpoint : List.of("score", "openrlhf")) {
            batchTimers.put(endpoint, Timer.builder(BATCH).description("Time to validate and score one batch")
                    .tag("endpoint", endpoint).publishPercentileHistogram().register(meters));
            batchSizes.put(endpoint, DistributionSummary.builder(BATCH_SIZE).description("Items per batch")
                    .tag("endpoint", endpoint).register(meters));
        }
    }

    int verifierIndex(String verifier) {
        return index.get(verifier);
    }

    int verifierCount() {
        return items.length;
    }

    Timer batchTimer(String endpoint) {
        return batchTimers.get(endpoint);
    }

    /** Adds one batch's tallies: {@code outcomes[verifier][outcome]}, {@code failureCounts[verifier][reason]}. */
    void record(String endpoint, int batchSize, int[][] outcomes, int[][] failureCounts) {
        batchSizes.get(endpoint).record(batchSize);
        for (int v = 0; v < outcomes.length; v++) {
            for (int o = 0; o < OUTCOMES.length; o++) {
                if (outcomes[v][o] > 0) {
                    items[v][o].increment(outcomes[v][o]);
                }
            }
            for (int f = 0; f < FAILURES.length; f++) {
                if (failureCounts[v][f] > 0) {
                    failures[v][f].increment(failureCounts[v][f]);
                }
            }
        }
    }
}
