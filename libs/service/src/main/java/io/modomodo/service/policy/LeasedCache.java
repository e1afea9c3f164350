package io.modomodo.service.policy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded cache of expensive values (loaded models) handed out under reference-counted
 * {@link Lease leases}.
 *
 * <ul>
 * <li>A key is loaded once even when many callers ask for it at the same moment; the others wait for
 * that load. A failed load is not cached: the next caller tries again.</li>
 * <li>Beyond {@code capacity} loaded entries, the least recently used entry with no open lease is
 * evicted and closed at once. When every entry is leased, the least recently used one is still
 * evicted (the cache stays bounded for new callers) but it is closed only when its last lease is
 * released. So eviction never closes a value a caller still uses, and memory returns to the bound as
 * soon as those callers finish.</li>
 * </ul>
 *
 * Thread-safe. Loading and closing run outside the cache's lock.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class LeasedCache<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeasedCache.class);

    private final int capacity;
    private final Function<K, V> loader;
    private final Consumer<V> closer;
    private final Listener listener;
    /** In access order: the eldest is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;
    /** Guarded by {@code this}. */
    private int openLeases;

    /**
     * @param capacity most loaded values kept (at least 1)
     * @param loader loads a value for a key; its exceptions reach the caller of {@link #acquire}
     * @param closer releases a value for good (called once per loaded value)
     * @param listener told of hits, loads and evictions (for metrics); may be null
     */
    public LeasedCache(int capacity, Function<K, V> loader, Consumer<V> closer, Listener listener) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.loader = Objects.requireNonNull(loader, "loader");
        this.closer = Objects.requireNonNull(closer, "closer");
        this.listener = listener == null ? Listener.NONE : listener;
    }

    /**
     * Leases the value of a key, loading it when absent. The caller must close the lease.
     *
     * @throws RuntimeException what the loader threw (unwrapped), for this caller and for every caller
     *     that waited on the same load
     * @throws IllegalStateException when the cache is closed
     */
    public Lease<V> acquire(K key) {
        Entry<V> entry;
        boolean load = false;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the cache is closed");
            }
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry<>();
                entries.put(key, entry);
                load = true;
            }
            entry.leases++;
            openLeases++;
        }
        if (load) {
            long started = System.nanoTime();
            V value;
            try {
                value = loader.apply(key);
            }
            catch (RuntimeException | Error ex) {
                synchronized (this) {
                    entries.remove(key, entry);
                    entry.leases--;
                    openLeases--;
                }
                entry.future.completeExceptionally(ex);
                throw ex;
            }
            entry.future.complete(value);
            listener.loaded(System.nanoTime() - started);
            evictBeyondCapacity();
        }
        else {
            try {
                entry.future.get();
            }
            catch (InterruptedException ex) {
                release(entry);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a load", ex);
            }
            catch (ExecutionException ex) {
                release(entry);
                throw rethrow(ex.getCause());
            }
            listener.hit();
        }
        return new EntryLease(entry);
    }

    /** Loaded (or loading) entries currently in the cache. */
    public synchronized int size() {
        return entries.size();
    }

    /** Open leases over all values, evicted ones included. */
    public synchronized int leased() {
        return openLeases;
    }

    /** Whether the key is in the cache (loaded or loading), without touching its recency. */
    public synchronized boolean contains(K key) {
        return entries.containsKey(key);
    }

    /**
     * Evicts everything: values with no open lease are closed now, the others when released. Later
     * {@link #acquire} calls fail.
     */
    @Override
    public void close() {
        List<V> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Entry<V> entry : entries.values()) {
                markEvicted(entry, toClose);
            }
            entries.clear();
        }
        toClose.forEach(this::closeQuietly);
    }

    private void evictBeyondCapacity() {
        List<V> toClose = new ArrayList<>();
        synchronized (this) {
            while (entries.size() > capacity) {
                K victim = pickVictim();
                if (victim == null) {
                    break;
                }
                markEvicted(entries.remove(victim), toClose);
                listener.evicted();
            }
        }
        toClose.forEach(this::closeQuietly);
    }

    /** The least recently used loaded entry without leases, else the least recently used loaded one. */
    private K pickVictim() {
        K leasedFallback = null;
        for (Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator(); it.hasNext();) {
            Map.Entry<K, Entry<V>> candidate = it.next();
            Entry<V> entry = candidate.getValue();
            if (!entry.future.isDone()) {
                continue;
            }
            if (entry.leases == 0) {
                return candidate.getKey();
            }
            if (leasedFallback == null) {
                leasedFallback = candidate.getKey();
            }
        }
        return leasedFallback;
    }

    /** Guarded by {@code this}; adds the value to {@code toClose} when nobody holds it. */
    private void markEvicted(Entry<V> entry, List<V> toClose) {
        entry.evicted = true;
        if (entry.leases == 0 && !entry.closed && entry.future.isDone() && !entry.future.isCompletedExceptionally()) {
            entry.closed = true;
            toClose.add(entry.future.join());
        }
    }

    private void release(Entry<V> entry) {
        V toClose = null;
        synchronized (this) {
            entry.leases--;
            openLeases--;
            if (entry.evicted && entry.leases == 0 && !entry.closed && entry.future.isDone()
                    && !entry.future.isCompletedExceptionally()) {
                entry.closed = true;
                toClose = entry.future.join();
            }
        }
        if (toClose != null) {
            closeQuietly(toClose);
        }
    }

    private void closeQuietly(V value) {
        try {
            closer.accept(value);
        }
        catch (RuntimeException ex) {
            log.warn("Closing an evicted cache value failed", ex);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }

    /** Guarded by the cache's lock, except the future. */
    private static final class Entry<V> {
        final CompletableFuture<V> future = new CompletableFuture<>();
        int leases;
        boolean evicted;
        boolean closed;
    }

    private final class EntryLease implements Lease<V> {
        private final Entry<V> entry;
        private boolean released;

        EntryLease(Entry<V> entry) {
            this.entry = entry;
        }

        @Override
        public V value() {
            synchronized (this) {
                if (released) {
                    throw new IllegalStateException("the lease was released");
                }
            }
            return entry.future.join();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(entry);
        }
    }

    /** What the cache did, for metrics. */
    public interface Listener {

        /** Records nothing. */
        Listener NONE = new Listener() { };

        /** A lease was served from a loaded (or loading) value. */
        default void hit() {
        }

        /** A value was loaded. */
        default void loaded(long nanos) {
        }

        /** A value was evicted (closed now or at its last release). */
        default void evicted() {
        }
    }
}
