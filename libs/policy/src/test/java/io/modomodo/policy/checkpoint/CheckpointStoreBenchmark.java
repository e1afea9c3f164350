package io.modomodo.policy.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import ai.djl.Device;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.tokenizer.ByteTokenizer;

/**
 * What handing a new version of the default policy to another process through the store costs, part by
 * part: the save a job makes at every step (with and without the fsync) and the load the rollout-service
 * makes before sampling with it. Medians of {@code -Dbench.repeats} (default 15).
 *
 * <pre>
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "$CP" io.modomodo.policy.checkpoint.CheckpointStoreBenchmark [directory]
 * </pre>
 */
public final class CheckpointStoreBenchmark {

    private CheckpointStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = Integer.getInteger("bench.repeats", 15);
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("store-bench");
        ByteTokenizer tokenizer = new ByteTokenizer();
        PolicyConfig config = PolicyConfig.defaults(tokenizer.vocabularySize());
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, tokenizer, Device.cpu())) {
            Map<String, float[]> values = policy.values();
            byte[] encoded = DirectoryCheckpointStore.encodeParameters(values);
            System.out.printf("default policy: %,d parameters, %s of %,d bytes%n", config.parameterCount(),
                    DirectoryCheckpointStore.PARAMS, encoded.length);
            DirectoryCheckpointStore durable = new DirectoryCheckpointStore(root.resolve("durable"));
            DirectoryCheckpointStore quick = new DirectoryCheckpointStore(root.resolve("quick")).optDurable(false);
            for (int warm = 0; warm < 3; warm++) {
                quick.save(policy, null, Map.of());
                quick.load(quick.latest().orElseThrow(), Device.cpu()).close();
                quick.retainLast(1);
            }
            report("copy the weights to the heap (values())", repeats, () -> time(policy::values));
            report("encode params.bin", repeats, () -> time(() -> encode(values)));
            report("decode params.bin", repeats, () -> time(() -> decode(encoded)));
            report("SHA-256 of params.bin", repeats, () -> time(() -> DirectoryCheckpointStore.sha256(encoded)));
            report("save, fsync (durable, checkpoints)", repeats, () -> saveTime(durable, policy));
            report("save, no fsync (published weights)", repeats, () -> saveTime(quick, policy));
            report("load (read, SHA-256, decode, tensors)", repeats, () -> {
                long version = quick.latest().orElseThrow();
                long started = System.nanoTime();
                quick.load(version, Device.cpu()).close();
                return System.nanoTime() - started;
            });
        }
    }

    private static long saveTime(DirectoryCheckpointStore store, VisionLanguagePolicy policy) {
        long started = System.nanoTime();
        store.save(policy, null, Map.of("kind", "weights"));
        long elapsed = System.nanoTime() - started;
        store.retainLast(1);
        return elapsed;
    }

    private static byte[] encode(Map<String, float[]> values) {
        try {
            return DirectoryCheckpointStore.encodeParameters(values);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static Map<String, float[]> decode(byte[] data) {
        try {
            return DirectoryCheckpointStore.decodeParameters(data);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static long time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }

    private static void report(String what, int repeats, LongSupplier nanos) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            samples.add(nanos.getAsLong());
        }
        Collections.sort(samples);
        System.out.printf("%-42s median %7.1f ms  (min %.1f, max %.1f)%n", what, samples.get(repeats / 2) / 1e6,
                samples.get(0) / 1e6, samples.get(repeats - 1) / 1e6);
    }
}
