package io.modomodo.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @Test
    void startsFullSoTheWholeBurstPassesAtOnceAndTheNextWaitsOneTokenTime() {
        TokenBucket bucket = new TokenBucket(2, 5, clock::get);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryAcquire()).as("request %d", i).isZero();
        }
        // 2 tokens a second: the next token is half a second away.
        assertThat(bucket.tryAcquire()).isEqualTo(SECOND / 2);
    }

    @Test
    void refillsAtTheSustainedRate() {
        TokenBucket bucket = new TokenBucket(4, 4, clock::get);
        drain(bucket);
        clock.addAndGet(SECOND / 4 - 1);
        // One nanosecond short of a token (give or take the rounding of the fraction).
        assertThat(bucket.tryAcquire()).isBetween(1L, 2L);
        clock.addAndGet(1);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isEqualTo(SECOND / 4);

        clock.addAndGet(SECOND / 2);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
    }

    @Test
    void neverHoldsMoreThanTheBurstHoweverLongItIdles() {
        TokenBucket bucket = new TokenBucket(100, 3, clock::get);
        drain(bucket);
        clock.addAndGet(3_600 * SECOND);
        assertThat(bucket.available()).isEqualTo(3);
        assertThat(drain(bucket)).isEqualTo(3);
    }

    @Test
    void keepsFractionsOfATokenBetweenRequests() {
        TokenBucket bucket = new TokenBucket(0.5, 1, clock::get);
        assertThat(bucket.tryAcquire()).isZero();
        // One token every two seconds: after 1.5 s, a quarter of the wait is left.
        clock.addAndGet(3 * SECOND / 2);
        assertThat(bucket.tryAcquire()).isEqualTo(SECOND / 2);
        clock.addAndGet(SECOND / 2);
        assertThat(bucket.tryAcquire()).isZero();
    }

    @Test
    void aClockReadOutOfOrderNeitherAddsNorRemovesTokens() {
        TokenBucket bucket = new TokenBucket(1, 2, clock::get);
        assertThat(bucket.tryAcquire()).isZero();
        clock.addAndGet(-5 * SECOND);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isEqualTo(SECOND);
    }

    @Test
    void rejectsARateOrBurstThatCouldNeverLetARequestThrough() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(0, 1, clock::get));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(Double.NaN, 1, clock::get));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(1, 0, clock::get));
    }

    @Test
    void concurrentRequestsTakeExactlyTheBurstAndNoMore() throws Exception {
        TokenBucket bucket = new TokenBucket(1e-9, 1_000, clock::get);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> passed = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                passed.add(pool.submit(() -> {
                    start.await();
                    int n = 0;
                    for (int i = 0; i < 500; i++) {
                        if (bucket.tryAcquire() == 0) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : passed) {
                total += f.get(10, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(1_000);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static int drain(TokenBucket bucket) {
        int n = 0;
        while (bucket.tryAcquire() == 0) {
            n++;
        }
        return n;
    }
}
