package io.modomodo.rollout.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.DecodingSession;
import io.modomodo.policy.generate.DecodingSession.SessionCompletion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.rollout.config.RolloutProperties;

/**
 * Runs one batch of one policy version, in one of two ways.
 *
 * <ul>
 * <li>One generate call over the rows of all its jobs, on the head's model and with the head's options
 * (which {@link RolloutJob#canJoin} made equal for all but the seed), then each job gets its slice of
 * the completions. Seeded jobs always run so, alone; so does every job in {@code batch} mode.</li>
 * <li>In {@code continuous} mode, unseeded jobs share a {@link DecodingSession}: a job is answered as
 * soon as its own rows have finished, and between steps waiting jobs of the same version and options
 * are taken from the queue into the slots that finished rows freed. The session ends when it has
 * nothing left to decode and nothing joinable waits.</li>
 * </ul>
 *
 * A job's lease is released when the job is answered, except the head's, whose model the session
 * decodes with: it is released when the session closes.
 */
final class RolloutRunner implements BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>> {

    private final RolloutMetrics metrics;
    private final PolicyMetrics policyMetrics;
    private final RolloutProperties.Queue queue;

    RolloutRunner(RolloutMetrics metrics, PolicyMetrics policyMetrics, RolloutProperties.Queue queue) {
        this.metrics = metrics;
        this.policyMetrics = policyMetrics;
        this.queue = queue;
    }

    @Override
    public void accept(List<RolloutJob> batch, Batcher.Refill<RolloutJob> refill) {
        RolloutJob head = batch.get(0);
        if (queue.mode() == RolloutProperties.Mode.CONTINUOUS && !head.seeded() && head.options().useCache()
                && head.maxTextLength() - head.clampedAlone() >= 1) {
            continuous(batch, refill);
        }
        else {
            generate(batch);
        }
    }

    private void generate(List<RolloutJob> batch) {
        try {
            RolloutJob head = batch.get(0);
            List<GenerationInput> rows = new ArrayList<>();
            batch.forEach(job -> rows.addAll(job.rows()));
            long started = System.nanoTime();
            List<Completion> completions = new Generator(head.lease().value().policy()).optMetrics(policyMetrics)
                    .generate(rows, head.options());
            metrics.batch(batch.size(), rows.size(), Duration.ofNanos(System.nanoTime() - started));
            int from = 0;
            for (RolloutJob job : batch) {
                int to = from + job.rows().size();
                job.result().complete(List.copyOf(completions.subList(from, to)));
                from = to;
            }
        }
        finally {
            batch.forEach(job -> job.lease().close());
        }
    }

    private void continuous(List<RolloutJob> batch, Batcher.Refill<RolloutJob> refill) {
        RolloutJob head = batch.get(0);
        int maxNew = head.clampedAlone();
        // The largest prompt room that still leaves every row the head's clamp, so that any prompt
        // that would get the same number of new tokens alone may enter.
        int maxPromptTokens = head.maxTextLength() - maxNew;
        int rows = batch.stream().mapToInt(job -> job.rows().size()).sum();
        int slotCount = Math.min(queue.maxBatchSequences(), Math.max(rows, queue.slots()));
        Set<RolloutJob> open = new LinkedHashSet<>(batch);
        Map<Long, Pending> byTicket = new HashMap<>();
        Map<RolloutJob, Completion[]> done = new HashMap<>();
        Map<RolloutJob, int[]> left = new HashMap<>();
        int requests = 0;
        int sequences = 0;
        long started = System.nanoTime();
        try (DecodingSession session = new Generator(head.lease().value().policy()).optMetrics(policyMetrics)
                .openSession(slotCount, maxPromptTokens, head.options())) {
            List<RolloutJob> entering = batch;
            while (true) {
                for (RolloutJob job : entering) {
                    open.add(job);
                    requests++;
                    sequences += job.rows().size();
                    done.put(job, new Completion[job.rows().size()]);
                    left.put(job, new int[] { job.rows().size() });
                    // Unseeded: any draw will do, but each row gets its own stream of the job's seed.
                    SplittableRandom seeds = new SplittableRandom(job.options().seed());
                    for (int r = 0; r < job.rows().size(); r++) {
                        byTicket.put(session.submit(job.rows().get(r), seeds.nextLong()), new Pending(job, r));
                    }
                }
                if (session.isIdle()) {
                    break;
                }
                for (SessionCompletion finished : session.step()) {
                    Pending pending = byTicket.remove(finished.ticket());
                    RolloutJob job = pending.job();
                    done.get(job)[pending.row()] = finished.completion();
                    if (--left.get(job)[0] == 0) {
                        open.remove(job);
                        job.result().complete(List.of(done.remove(job)));
                        left.remove(job);
                        if (job != head) {
                            job.lease().close();
                        }
                    }
                }
                entering = List.of();
                int free = session.slotCount() - session.running();
                if (session.waiting() == 0 && free > 0) {
                    entering = refill.take((taken, candidate) -> taken.stream()
                            .mapToInt(job -> job.rows().size()).sum() < free
                            && RolloutJob.canEnter(head, candidate, maxPromptTokens, maxNew));
                }
            }
            metrics.batch(requests, sequences, Duration.ofNanos(System.nanoTime() - started));
        }
        catch (RuntimeException | Error ex) {
            // The batcher completes only the jobs it handed over; the ones taken later are ours.
            for (RolloutJob job : open) {
                job.result().completeExceptionally(ex);
            }
            throw ex;
        }
        finally {
            for (RolloutJob job : open) {
                if (job != head) {
                    job.lease().close();
                }
            }
            head.lease().close();
        }
    }

    private record Pending(RolloutJob job, int row) {
    }
}
