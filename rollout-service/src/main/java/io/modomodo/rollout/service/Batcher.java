package io.modomodo.rollout.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-key FIFO queues drained by a fixed pool of workers, each drain taking the head of one queue plus
 * every later item of that queue that may join it, and handing the batch to the runner.
 *
 * <ul>
 * <li>One key is drained by one worker at a time, and a drained queue goes to the back of the pool's
 * line, so busy keys take turns with quiet ones.</li>
 * <li>{@code capacity} bounds the items waiting (not yet handed to the runner) over all keys;
 * {@link #offer} refuses beyond it.</li>
 * <li>The runner must complete each item's result; whatever it leaves uncompleted (it threw) is
 * completed exceptionally with the runner's exception.</li>
 * </ul>
 *
 * @param <T> an item
 */
public final class Batcher<T extends Batcher.Item> implements AutoCloseable {

    /** Something to run in a batch. */
    public interface Item {

        /** Items with equal keys share a queue and may share a batch. */
        Object queueKey();

        /** Completed by the runner (or by the batcher when the runner fails). */
        CompletableFuture<?> result();

        /** Called instead of running when the batcher closes with the item still waiting. */
        default void abandoned() {
            result().cancel(false);
        }
    }

    /**
     * Lets a running batch take more items of its key while it runs (continuous batching). Taken items
     * belong to the runner as the batch's do: it must complete them, and the batcher does not complete
     * them when the runner throws.
     */
    public interface Refill<T> {

        /**
         * Takes waiting items of the running batch's key in queue order, as long as each joins the ones
         * taken before it in this call, and stops at the first that does not (it stays first in line).
         * Takes nothing once the batcher is closed or while another key has items waiting, so that a
         * batch that keeps refilling does not starve the other keys.
         *
         * @param joins whether an item may join the items taken so far in this call (empty at first)
         */
        List<T> take(BiPredicate<List<T>, T> joins);
    }

    private static final Logger log = LoggerFactory.getLogger(Batcher.class);

    private final int capacity;
    private final BiPredicate<List<T>, T> joins;
    private final BiConsumer<List<T>, Refill<T>> runner;
    private final ExecutorService workers;
    private final Map<Object, ArrayDeque<T>> queues = new HashMap<>();
    private final Set<Object> scheduled = new HashSet<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private boolean closed;

    /**
     * @param capacity most items waiting at once
     * @param workers batches run at once
     * @param joins whether an item may join a batch (never empty; its first item is the queue's head)
     * @param runner runs a batch and completes its items' results
     * @param threadName prefix of the worker threads' names
     */
    public Batcher(int capacity, int workers, BiPredicate<List<T>, T> joins, Consumer<List<T>> runner,
            String threadName) {
        this(capacity, workers, joins, (BiConsumer<List<T>, Refill<T>>) (batch, refill) -> runner.accept(batch),
                threadName);
    }

    /**
     * As {@link #Batcher(int, int, BiPredicate, Consumer, String)}, with a runner that may take more items
     * of its batch's key while it runs.
     */
    public Batcher(int capacity, int workers, BiPredicate<List<T>, T> joins, BiConsumer<List<T>, Refill<T>> runner,
            String threadName) {
        this.capacity = capacity;
        this.joins = joins;
        this.runner = runner;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues an item.
     *
     * @return false, queuing nothing, when {@code capacity} items already wait or the batcher is closed
     */
    public boolean offer(T item) {
        synchronized (this) {
            if (closed || waiting.get() >= capacity) {
                return false;
            }
            queues.computeIfAbsent(item.queueKey(), key -> new ArrayDeque<>()).addLast(item);
            waiting.incrementAndGet();
            if (scheduled.add(item.queueKey())) {
                workers.execute(() -> drain(item.queueKey()));
            }
        }
        return true;
    }

    /**
     * Takes an item out of its queue if it is still waiting.
     *
     * @return whether it was waiting (and now never runs)
     */
    public synchronized boolean withdraw(T item) {
        ArrayDeque<T> queue = queues.get(item.queueKey());
        if (queue != null && queue.removeIf(waitingItem -> waitingItem == item)) {
            waiting.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Items waiting over all keys. */
    public int waiting() {
        return waiting.get();
    }

    private void drain(Object key) {
        List<T> batch = take(key);
        if (!batch.isEmpty()) {
            try {
                runner.accept(batch, joins -> refill(key, joins));
            }
            catch (RuntimeException | Error ex) {
                log.error("A batch of {} items failed", batch.size(), ex);
                batch.forEach(item -> item.result().completeExceptionally(ex));
            }
        }
        synchronized (this) {
            ArrayDeque<T> queue = queues.get(key);
            if (queue == null || queue.isEmpty()) {
                queues.remove(key);
                scheduled.remove(key);
            }
            else if (!closed) {
                workers.execute(() -> drain(key));
            }
        }
    }

    private synchronized List<T> refill(Object key, BiPredicate<List<T>, T> joins) {
        List<T> taken = new ArrayList<>();
        ArrayDeque<T> queue = queues.get(key);
        if (closed || queue == null) {
            return taken;
        }
        for (Map.Entry<Object, ArrayDeque<T>> other : queues.entrySet()) {
            if (!other.getKey().equals(key) && !other.getValue().isEmpty()) {
                return taken;
            }
        }
        while (!queue.isEmpty() && joins.test(List.copyOf(taken), queue.peekFirst())) {
            taken.add(queue.pollFirst());
        }
        waiting.addAndGet(-taken.size());
        return taken;
    }

    private synchronized List<T> take(Object key) {
        ArrayDeque<T> queue = queues.get(key);
        List<T> batch = new ArrayList<>();
        if (queue == null || queue.isEmpty()) {
            return batch;
        }
        batch.add(queue.pollFirst());
        for (Iterator<T> it = queue.iterator(); it.hasNext();) {
            T candidate = it.next();
            if (joins.test(List.copyOf(batch), candidate)) {
                batch.add(candidate);
                it.remove();
            }
        }
        waiting.addAndGet(-batch.size());
        return batch;
    }

    /**
     * Stops taking items; waiting items are {@link Item#abandoned() abandoned} and running batches get a
     * few seconds to finish.
     */
    @Override
    public void close() {
        List<T> abandoned = new ArrayList<>();
        synchronized (this) {
            closed = true;
            queues.values().forEach(abandoned::addAll);
            queues.clear();
            waiting.set(0);
        }
        abandoned.forEach(Item::abandoned);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
