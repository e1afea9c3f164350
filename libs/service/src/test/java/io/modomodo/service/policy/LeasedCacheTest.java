package io.modomodo.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LeasedCacheTest {

    /** A stand-in for a loaded model that knows whether it was closed. */
    static final class Model {
        final String key;
        volatile boolean closed;

        Model(String key) {
            this.key = key;
        }
    }

    final List<String> loads = new ArrayList<>();
    final List<String> closes = new ArrayList<>();

    LeasedCache<String, Model> cache(int capacity) {
        return new LeasedCache<>(capacity, key -> {
            synchronized (loads) {
                loads.add(key);
            }
            return new Model(key);
        }, model -> {
            model.closed = true;
            synchronized (closes) {
                closes.add(model.key);
            }
        }, null);
    }

    @Test
    void servesASecondLeaseFromTheLoadedValue() {
        LeasedCache<String, Model> cache = cache(2);
        try (Lease<Model> first = cache.acquire("a"); Lease<Model> second = cache.acquire("a")) {
            assertThat(second.value()).isSameAs(first.value());
        }
        assertThat(loads).containsExactly("a");
    }

    @Test
    void evictionWhileLeasedDoesNotCloseAndTheLastReleaseCloses() {
        LeasedCache<String, Model> cache = cache(1);
        Lease<Model> a = cache.acquire("a");
        Lease<Model> aAgain = cache.acquire("a");
        try (Lease<Model> b = cache.acquire("b")) {
            assertThat(cache.contains("a")).as("a is evicted to keep the bound").isFalse();
            assertThat(a.value().closed).as("a is still in use").isFalse();
            a.close();
            assertThat(aAgain.value().closed).as("one lease is still open").isFalse();
            aAgain.close();
            assertThat(closes).containsExactly("a");
            assertThat(b.value().closed).isFalse();
        }
        assertThat(cache.contains("b")).isTrue();
        assertThat(closes).containsExactly("a");
    }

    @Test
    void evictsTheLeastRecentlyUsedUnleasedValueFirst() {
        LeasedCache<String, Model> cache = cache(2);
        cache.acquire("a").close();
        Lease<Model> b = cache.acquire("b");
        cache.acquire("a").close(); // a is now more recent than b, but b is leased
        cache.acquire("c").close();
        assertThat(closes).containsExactly("a");
        assertThat(cache.contains("b")).isTrue();
        assertThat(b.value().closed).isFalse();
        b.close();
    }

    @Test
    void closesAnUnleasedValueAtEvictionAndReloadsItLater() {
        LeasedCache<String, Model> cache = cache(1);
        cache.acquire("a").close();
        cache.acquire("b").close();
        assertThat(closes).containsExactly("a");
        cache.acquire("a").close();
        assertThat(loads).containsExactly("a", "b", "a");
    }

    @Test
    void releasingTwiceCountsOnce() {
        LeasedCache<String, Model> cache = cache(1);
        Lease<Model> a = cache.acquire("a");
        Lease<Model> other = cache.acquire("a");
        a.close();
        a.close();
        cache.acquire("b").close();
        assertThat(closes).as("the other lease keeps a open").isEmpty();
        other.close();
        assertThat(closes).containsExactly("a");
        assertThatThrownBy(a::value).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void loadsOnceForConcurrentCallers() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loaderCalls = new AtomicInteger();
        LeasedCache<String, Model> cache = new LeasedCache<>(2, key -> {
            loaderCalls.incrementAndGet();
            loading.countDown();
            await(release);
            return new Model(key);
        }, model -> model.closed = true, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Lease<Model>>> leases = new ArrayList<>();
            leases.add(pool.submit(() -> cache.acquire("a")));
            assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                leases.add(pool.submit(() -> cache.acquire("a")));
            }
            Thread.sleep(50);
            release.countDown();
            Model first = leases.get(0).get(5, TimeUnit.SECONDS).value();
            for (Future<Lease<Model>> lease : leases) {
                assertThat(lease.get(5, TimeUnit.SECONDS).value()).isSameAs(first);
                lease.get().close();
            }
            assertThat(loaderCalls).hasValue(1);
            assertThat(cache.leased()).isZero();
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedLoadIsNotCachedAndReachesTheCaller() {
        AtomicInteger attempts = new AtomicInteger();
        LeasedCache<String, Model> cache = new LeasedCache<>(2, key -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk hiccup");
            }
            return new Model(key);
        }, model -> model.closed = true, null);
        assertThatThrownBy(() -> cache.acquire("a")).hasMessage("disk hiccup");
        assertThat(cache.size()).isZero();
        assertThat(cache.leased()).isZero();
        try (Lease<Model> lease = cache.acquire("a")) {
            assertThat(lease.value().key).isEqualTo("a");
        }
    }

    @Test
    void closingTheCacheWaitsForOpenLeases() {
        LeasedCache<String, Model> cache = cache(2);
        cache.acquire("a").close();
        Lease<Model> b = cache.acquire("b");
        cache.close();
        assertThat(closes).containsExactly("a");
        b.close();
        assertThat(closes).containsExactly("a", "b");
        assertThatThrownBy(() -> cache.acquire("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tellsTheListenerOfHitsLoadsAndEvictions() {
        AtomicInteger hits = new AtomicInteger();
        AtomicInteger loaded = new AtomicInteger();
        AtomicInteger evicted = new AtomicInteger();
        LeasedCache<String, Model> cache = new LeasedCache<>(1, Model::new, model -> { }, new LeasedCache.Listener() {
            @Override
            public void hit() {
                hits.incrementAndGet();
            }

            @Override
            public void loaded(long nanos) {
                loaded.incrementAndGet();
            }

            @Override
            public void evicted() {
                evicted.incrementAndGet();
            }
        });
        cache.acquire("a").close();
        cache.acquire("a").close();
        cache.acquire("b").close();
        assertThat(hits).hasValue(1);
        assertThat(loaded).hasValue(2);
        assertThat(evicted).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
