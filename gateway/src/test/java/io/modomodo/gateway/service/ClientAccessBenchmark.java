package io.modomodo.gateway.service;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modomodo.gateway.config.GatewayProperties;
import io.modomodo.gateway.config.GatewayProperties.ApiKey;

/**
 * Cost of the gateway's per-request decision ({@link ClientAccess#admit}: SHA-256 of the presented
 * key, a constant-time compare against every configured client, a token-bucket CAS, a counter) with
 * 20 configured clients whose limits are never reached. A benchmark, not a test: run it with
 * <pre>
 * ./mvnw -q -pl gateway test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.modomodo.gateway.service.ClientAccessBenchmark
 * </pre>
 */
public final class ClientAccessBenchmark {

    private static final int CLIENTS = 20;
    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private ClientAccessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            keys.add(new ApiKey("client-" + i, null, Sha256.hex("secret-" + i), 1e12, Integer.MAX_VALUE));
        }
        GatewayProperties properties = new GatewayProperties(new GatewayProperties.Services(URI.create("http://a"),
                URI.create("http://b"), URI.create("http://c"), URI.create("http://d")), keys);
        ClientAccess access = new ClientAccess(properties, new SimpleMeterRegistry());

        System.out.printf("%-44s %14s%n", "case (" + CLIENTS + " clients configured)", "admits/s");
        report("valid key, 1 thread", access, new String[] {"secret-7"});
        report("wrong key, 1 thread", access, new String[] {"not-a-key"});
        report("valid key, 2 threads, same client", access, new String[] {"secret-7", "secret-7"});
        report("valid key, 2 threads, two clients", access, new String[] {"secret-7", "secret-8"});
    }

    private static void report(String name, ClientAccess access, String[] keyPerThread) throws Exception {
        run(access, keyPerThread); // warm-up
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            rates[r] = run(access, keyPerThread);
        }
        Arrays.sort(rates);
        System.out.printf("%-44s %,14.0f%n", name, rates[ROUNDS / 2]);
    }

    private static double run(ClientAccess access, String[] keyPerThread) throws InterruptedException {
        LongAdder done = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] elapsed = new long[keyPerThread.length];
        for (int t = 0; t < keyPerThread.length; t++) {
            String key = keyPerThread[t];
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long begin = System.nanoTime();
                long n = 0;
                while (System.nanoTime() - begin < ROUND_NANOS) {
                    for (int i = 0; i < 256; i++) {
                        if (access.admit(key) instanceof ClientAccess.Admission.Limited) {
                            throw new IllegalStateException("limit reached; the benchmark measures admits");
                        }
                    }
                    n += 256;
                }
                elapsed[index] = System.nanoTime() - begin;
                done.add(n);
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long longest = Arrays.stream(elapsed).max().orElseThrow();
        return done.sum() * 1e9 / longest;
    }
}
