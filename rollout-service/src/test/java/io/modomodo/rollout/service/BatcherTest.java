package io.modomodo.rollout.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatcherTest {

    record Item(String queueKey, String name, boolean alone, CompletableFuture<String> result)
            implements Batcher.Item {

        Item(String key, String name, boolean alone) {
            this(key, name, alone, new CompletableFuture<>());
        }
    }

    /** Records batches; blocks in the first batch until opened, so tests control what is waiting. */
    static final class GatedRunner implements Consumer<List<Item>> {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public void accept(List<Item> batch) {
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            batches.add(batch.stream().map(Item::name).toList());
            batch.forEach(item -> item.result().complete(item.name() + " done"));
        }
    }

    final GatedRunner runner = new GatedRunner();
    Batcher<Item> batcher;

    Batcher<Item> batcher(int capacity, int workers) {
        batcher = new Batcher<>(capacity, workers,
                (batch, candidate) -> !batch.get(0).alone() && !candidate.alone() && batch.size() < 3, runner, "test");
        return batcher;
    }

    @AfterEach
    void close() {
        runner.gate.countDown();
        batcher.close();
    }

    @Test
    void drainsWhatWaitedIntoOneBatchPerKeyAndKeepsLoners() throws Exception {
        Batcher<Item> batcher = batcher(10, 1);
        Item first = new Item("v1", "first", false);
        assertThat(batcher.offer(first)).isTrue();
        assertThat(runner.entered.await(5, TimeUnit.SECONDS)).isTrue();
        List<Item> waiting = List.of(new Item("v1", "a", false), new Item("v2", "x", false),
                new Item("v1", "seeded", true), new Item("v1", "b", false), new Item("v1", "c", false),
                new Item("v1", "d", false));
        waiting.forEach(item -> assertThat(batcher.offer(item)).isTrue());
        assertThat(batcher.waiting()).isEqualTo(6);
        runner.gate.countDown();
        for (Item item : waiting) {
            assertThat(item.result().get(5, TimeUnit.SECONDS)).isEqualTo(item.name() + " done");
        }
        assertThat(first.result().get()).isEqualTo("first done");
        // v1 drains in FIFO order, joining what may join its head, at most 3 to a batch; v2 takes its turn
        // between v1's batches.
        assertThat(runner.batches).containsExactly(List.of("first"), List.of("x"), List.of("a", "b", "c"),
                List.of("seeded"), List.of("d"));
        assertThat(batcher.waiting()).isZero();
    }

    @Test
    void refusesBeyondCapacityCountingOnlyWaitingItems() throws Exception {
        Batcher<Item> batcher = batcher(2, 1);
        assertThat(batcher.offer(new Item("v1", "running", false))).isTrue();
        assertThat(runner.entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(batcher.offer(new Item("v1", "w1", false))).isTrue();
        assertThat(batcher.offer(new Item("v2", "w2", false))).isTrue();
        assertThat(batcher.offer(new Item("v1", "w3", false))).isFalse();
    }

    @Test
    void aWithdrawnItemNeverRuns() throws Exception {
        Batcher<Item> batcher = batcher(5, 1);
        batcher.offer(new Item("v1", "running", false));
        assertThat(runner.entered.await(5, TimeUnit.SECONDS)).isTrue();
        Item gone = new Item("v1", "gone", false);
        Item kept = new Item("v1", "kept", false);
        batcher.offer(gone);
        batcher.offer(kept);
        assertThat(batcher.withdraw(gone)).isTrue();
        assertThat(batcher.withdraw(gone)).isFalse();
        runner.gate.countDown();
        assertThat(kept.result().get(5, TimeUnit.SECONDS)).isEqualTo("kept done");
        assertThat(runner.batches).containsExactly(List.of("running"), List.of("kept"));
        assertThat(gone.result()).isNotDone();
    }

    @Test
    void aFailingRunnerFailsItsBatchAndTheQueueGoesOn() throws Exception {
        batcher = new Batcher<>(5, 1, (batch, candidate) -> false, batch -> {
            if (batch.get(0).name().equals("bad")) {
                throw new IllegalStateException("boom");
            }
            batch.forEach(item -> item.result().complete("ok"));
        }, "test");
        Item bad = new Item("v1", "bad", false);
        Item good = new Item("v1", "good", false);
        batcher.offer(bad);
        batcher.offer(good);
        assertThat(good.result().get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(bad.result()).isCompletedExceptionally();
        try {
            bad.result().get();
        }
        catch (ExecutionException ex) {
            assertThat(ex.getCause()).hasMessage("boom");
        }
    }

    @Test
    void closingAbandonsWaitingItemsAndRefusesNewOnes() throws Exception {
        Batcher<Item> batcher = batcher(5, 1);
        Item running = new Item("v1", "running", false);
        batcher.offer(running);
        assertThat(runner.entered.await(5, TimeUnit.SECONDS)).isTrue();
        Item waiting = new Item("v1", "waiting", true);
        batcher.offer(waiting);
        Thread closer = new Thread(batcher::close);
        closer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!waiting.result().isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(waiting.result().isCancelled()).isTrue();
        assertThat(batcher.offer(new Item("v1", "late", false))).isFalse();
        runner.gate.countDown();
        closer.join(5000);
        assertThat(running.result().get(5, TimeUnit.SECONDS)).as("a running batch finishes").isEqualTo("running done");
    }
}
