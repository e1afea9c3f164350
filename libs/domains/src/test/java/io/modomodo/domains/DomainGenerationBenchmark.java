package io.modomodo.domains;

import io.modomodo.domains.scene.SceneRenderer;
import io.modomodo.domains.suite.GeneratedItem;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generation speed of the built-in suite on one thread: items per second including scene drawing, question
 * posing, rendering and PNG encoding, per domain, for the train and test splits (test rejects 90% of the
 * scenes it draws, see {@link Split}). Reports the median of several timed rounds after a warm-up.
 *
 * <pre>
 * ./mvnw -q -pl libs/domains test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.modomodo.domains.DomainGenerationBenchmark
 * </pre>
 */
public final class DomainGenerationBenchmark {

    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = 700_000_000L;

    private DomainGenerationBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        TaskSuite suite = new TaskSuite(42);
        List<String> domains = suite.domains();
        System.out.printf("%-24s %12s %12s %14s %10s%n", "domain", "train it/s", "test it/s", "png enc/s", "png bytes");
        for (String d : domains) {
            run(suite, d, Split.TRAIN, 300_000_000L, 0);
            run(suite, d, Split.TEST, 100_000_000L, 0);
        }
        long offset = 1_000_000;
        List<Double> all = new ArrayList<>();
        for (String d : domains) {
            double train = median(suite, d, Split.TRAIN, offset);
            double test = median(suite, d, Split.TEST, offset);
            all.add(train);
            List<GeneratedItem> items = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < 500; i++) {
                GeneratedItem g = suite.generate(d, Split.TRAIN, offset + i);
                items.add(g);
                bytes += g.item().image().bytes().length;
            }
            double[] enc = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                long sink = 0;
                for (GeneratedItem g : items) {
                    sink += SceneRenderer.png(g.scene()).length;
                }
                enc[r] = items.size() * 1e9 / (System.nanoTime() - t0) + (sink == 42 ? 1 : 0);
            }
            Arrays.sort(enc);
            System.out.printf("%-24s %12.0f %12.0f %14.0f %10d%n", d, train, test, enc[ROUNDS / 2], bytes / items.size());
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("median over domains (train): %.0f items/s; cores: %d%n", sorted[sorted.length / 2],
                Runtime.getRuntime().availableProcessors());
    }

    private static double median(TaskSuite suite, String domain, Split split, long offset) {
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            rates[r] = run(suite, domain, split, ROUND_NANOS, offset + r * 1_000_000L);
        }
        Arrays.sort(rates);
        return rates[ROUNDS / 2];
    }

    private static double run(TaskSuite suite, String domain, Split split, long nanos, long offset) {
        long start = System.nanoTime();
        long n = 0;
        long sink = 0;
        while (System.nanoTime() - start < nanos) {
            Item item = suite.item(domain, split, offset + n);
            sink += item.image().bytes().length;
            n++;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return n * 1e9 / (System.nanoTime() - start);
    }
}
