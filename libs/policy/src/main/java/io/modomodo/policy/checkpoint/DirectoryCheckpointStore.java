package io.modomodo.policy.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ai.djl.Device;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.policy.tokenizer.Tokenizer;
import io.modomodo.policy.tokenizer.Tokenizers;
import io.modomodo.policy.train.OptimizerState;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link CheckpointStore} over a directory (a local disk, a shared volume, a Kubernetes PVC). Each
 * version is a folder {@code v00000001/} holding:
 *
 * <ul>
 * <li>{@code params.bin}: the parameters, by name, shape and little-endian float32 data;</li>
 * <li>{@code config.json}: the {@link PolicyConfig};</li>
 * <li>{@code tokenizer.json}: the tokenizer descriptor;</li>
 * <li>{@code optimizer.bin}: the AdamW step and moments (when saved);</li>
 * <li>{@code manifest.json}: format, version, creation time, metadata and the SHA-256 and size of
 * every other file.</li>
 * </ul>
 *
 * A version is written into {@code .tmp-…} and renamed atomically to its final name, so readers see
 * either nothing or a complete folder; deletion renames to {@code .deleting-…} first for the same
 * reason. Loading recomputes every sum and refuses any mismatch.
 */
public final class DirectoryCheckpointStore implements CheckpointStore {

    /** Format of the folder layout, recorded in every manifest. */
    public static final int FORMAT = 1;

    static final String MANIFEST = "manifest.json";
    static final String PARAMS = "params.bin";
    static final String CONFIG = "config.json";
    static final String TOKENIZER = "tokenizer.json";
    static final String OPTIMIZER = "optimizer.bin";

    private static final Pattern VERSION_DIRECTORY = Pattern.compile("v(\\d{8})");
    private static final int PARAMS_MAGIC = 0x4d444d50;
    private static final int OPTIMIZER_MAGIC = 0x4d444d4f;

    private final Path root;
    private final JsonMapper json = JsonMapper.builder().build();
    private PolicyMetrics metrics = PolicyMetrics.NONE;
    private boolean durable = true;

    /**
     * A store over the directory, created if absent.
     *
     * @throws UncheckedIOException when the directory cannot be created
     */
    public DirectoryCheckpointStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot create checkpoint directory " + root, ex);
        }
    }

    /** Records Micrometer meters (see {@link PolicyMetrics}); returns this. */
    public DirectoryCheckpointStore optMetrics(PolicyMetrics value) {
        metrics = value == null ? PolicyMetrics.NONE : value;
        return this;
    }

    /**
     * Whether a save forces its files to the disk before the version becomes visible (the default).
     * Turn it off only for versions that can be made again, such as the weights a job publishes to its
     * rollout-service at every step: after a power loss such a version may be refused as corrupted
     * (its sums no longer match), and the job, resuming from its last durable checkpoint, publishes
     * afresh. Returns this.
     */
    public DirectoryCheckpointStore optDurable(boolean value) {
        durable = value;
        return this;
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** The folder of a version. */
    public Path directory(long version) {
        return root.resolve(String.format("v%08d", version));
    }

    @Override
    public synchronized long save(VisionLanguagePolicy policy, OptimizerState optimizerState,
            Map<String, String> metadata) {
        long started = System.nanoTime();
        Path temporary = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(temporary);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(PARAMS, encodeParameters(policy.values()));
            files.put(CONFIG, json.writeValueAsBytes(policy.config()));
            files.put(TOKENIZER, json.writeValueAsBytes(policy.tokenizer().descriptor()));
            if (optimizerState != null) {
                files.put(OPTIMIZER, encodeOptimizer(optimizerState));
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                write(temporary.resolve(file.getKey()), file.getValue());
                entries.put(file.getKey(), Map.of("sha256", sha256(file.getValue()), "bytes", file.getValue().length));
            }
            // Other writers (another replica on a shared volume) may take a version first: the
            // atomic rename fails on an existing folder, and we try the next number.
            for (int attempt = 0; attempt < 100; attempt++) {
                long version = latest().orElse(0) + 1 + attempt;
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", FORMAT);
                manifest.put("version", version);
                manifest.put("createdAt", Instant.now().toString());
                manifest.put("metadata", metadata == null ? Map.of() : metadata);
                manifest.put("files", entries);
                // A retry rewrites the manifest with the next version number.
                Files.deleteIfExists(temporary.resolve(MANIFEST));
                write(temporary.resolve(MANIFEST), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                try {
                    Files.move(temporary, directory(version), StandardCopyOption.ATOMIC_MOVE);
                    metrics.checkpoint("save", System.nanoTime() - started);
                    return version;
                }
                catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
                    continue;
                }
                catch (AtomicMoveNotSupportedException ex) {
                    throw ex;
                }
                catch (FileSystemException ex) {
                    // Linux reports a rename onto another writer's folder as a plain "Directory not
                    // empty" FileSystemException, not as DirectoryNotEmptyException.
                    if (Files.exists(directory(version))) {
                        continue;
                    }
                    throw ex;
                }
            }
            throw new IllegalStateException("could not claim a checkpoint version in " + root);
        }
        catch (AtomicMoveNotSupportedException ex) {
            deleteQuietly(temporary);
            throw new IllegalStateException("the checkpoint directory " + root + " does not support atomic renames", ex);
        }
        catch (IOException ex) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write checkpoint to " + root, ex);
        }
        catch (RuntimeException ex) {
            deleteQuietly(temporary);
            throw ex;
        }
    }

    @Override
    public LoadedCheckpoint load(long version, Device device) {
        long started = System.nanoTime();
        Path directory = directory(version);
        if (!Files.isDirectory(directory)) {
            throw new CheckpointNotFoundException(version);
        }
        String name = "checkpoint " + directory.getFileName();
        Map<String, Object> manifest;
        try {
            manifest = json.readValue(Files.readAllBytes(directory.resolve(MANIFEST)),
                    new TypeReference<Map<String, Object>>() { });
        }
        catch (IOException | JacksonException ex) {
            throw new CheckpointCorruptedException(name + " has no readable " + MANIFEST + ": " + ex.getMessage(), ex);
        }
        if (!Integer.valueOf(FORMAT).equals(manifest.get("format"))) {
            throw new CheckpointCorruptedException(name + " has format " + manifest.get("format") + ", this reader "
                    + "understands format " + FORMAT);
        }
        if (!(manifest.get("files") instanceof Map<?, ?> files)) {
            throw new CheckpointCorruptedException(name + ": " + MANIFEST + " lists no files");
        }
        Map<String, byte[]> verified = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : files.entrySet()) {
            String file = String.valueOf(entry.getKey());
            if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                throw new CheckpointCorruptedException(name + ": " + MANIFEST + " names an invalid file " + file);
            }
            Object expected = entry.getValue() instanceof Map<?, ?> details ? details.get("sha256") : null;
            byte[] data;
            try {
                data = Files.readAllBytes(directory.resolve(file));
            }
            catch (IOException ex) {
                throw new CheckpointCorruptedException(name + ": file " + file + " listed in the manifest cannot be "
                        + "read (" + ex.getClass().getSimpleName() + ")", ex);
            }
            String actual = sha256(data);
            if (!actual.equals(expected)) {
                throw new CheckpointCorruptedException(name + ": SHA-256 of " + file + " is " + actual
                        + " but the manifest says " + expected + "; refusing to load a corrupted checkpoint");
            }
            verified.put(file, data);
        }
        for (String required : List.of(PARAMS, CONFIG, TOKENIZER)) {
            if (!verified.containsKey(required)) {
                throw new CheckpointCorruptedException(name + ": " + MANIFEST + " does not list " + required);
            }
        }
        try {
            PolicyConfig config = json.readValue(verified.get(CONFIG), PolicyConfig.class);
            Tokenizer tokenizer = Tokenizers.fromDescriptor(json.readValue(verified.get(TOKENIZER),
                    new TypeReference<Map<String, Object>>() { }));
            Map<String, float[]> values = decodeParameters(verified.get(PARAMS));
            OptimizerState optimizer = verified.containsKey(OPTIMIZER) ? decodeOptimizer(verified.get(OPTIMIZER)) : null;
            Map<String, String> metadata = new LinkedHashMap<>();
            if (manifest.get("metadata") instanceof Map<?, ?> saved) {
                saved.forEach((key, value) -> metadata.put(String.valueOf(key), String.valueOf(value)));
            }
            VisionLanguagePolicy policy = VisionLanguagePolicy.fromValues(config, tokenizer, device, values);
            metrics.checkpoint("load", System.nanoTime() - started);
            return new LoadedCheckpoint(version, policy, optimizer, Map.copyOf(metadata));
        }
        catch (IOException | JacksonException | IllegalArgumentException ex) {
            throw new CheckpointCorruptedException(name + " passed its checksums but cannot be decoded: "
                    + ex.getMessage(), ex);
        }
    }

    @Override
    public List<Long> versions() {
        List<Long> versions = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.forEach(child -> {
                Matcher matcher = VERSION_DIRECTORY.matcher(child.getFileName().toString());
                if (matcher.matches() && Files.isRegularFile(child.resolve(MANIFEST))) {
                    versions.add(Long.parseLong(matcher.group(1)));
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot list checkpoints in " + root, ex);
        }
        versions.sort(Comparator.naturalOrder());
        return versions;
    }

    @Override
    public synchronized List<Long> retainLast(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        List<Long> versions = versions();
        List<Long> deleted = new ArrayList<>();
        for (long version : versions.subList(0, Math.max(0, versions.size() - keep))) {
            Path doomed = root.resolve(".deleting-" + UUID.randomUUID());
            try {
                Files.move(directory(version), doomed, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("cannot delete checkpoint " + version, ex);
            }
            deleteQuietly(doomed);
            deleted.add(version);
        }
        return deleted;
    }

    private void write(Path file, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(true);
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException ignored) {
                    // Best effort: leftovers are hidden (dot-prefixed) and never listed as versions.
                }
            });
        }
        catch (IOException ignored) {
            // As above.
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    static byte[] encodeParameters(Map<String, float[]> values) throws IOException {
        List<byte[]> names = new ArrayList<>();
        long size = 8;
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            byte[] name = modifiedUtf8(entry.getKey());
            names.add(name);
            size += name.length + 4 + 4L * entry.getValue().length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("parameters of " + size + " bytes do not fit one " + PARAMS);
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.putInt(PARAMS_MAGIC).putInt(values.size());
        int i = 0;
        for (float[] data : values.values()) {
            out.put(names.get(i++));
            putFloats(out, data);
        }
        return out.array();
    }

    static Map<String, float[]> decodeParameters(byte[] data) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            if (in.getInt() != PARAMS_MAGIC) {
                throw new IOException(PARAMS + " does not start with the parameter file marker");
            }
            int count = in.getInt();
            Map<String, float[]> values = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                values.put(readModifiedUtf8(data, in), getFloats(in));
            }
            return values;
        }
        catch (java.nio.BufferUnderflowException ex) {
            throw new IOException(PARAMS + " is truncated", ex);
        }
    }

    static byte[] encodeOptimizer(OptimizerState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(OPTIMIZER_MAGIC);
            out.writeLong(state.step());
            out.writeInt(state.firstMoments().size());
            for (Map.Entry<String, float[]> entry : state.firstMoments().entrySet()) {
                out.writeUTF(entry.getKey());
                writeFloats(out, entry.getValue());
                writeFloats(out, state.secondMoments().get(entry.getKey()));
            }
        }
        return bytes.toByteArray();
    }

    static OptimizerState decodeOptimizer(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            if (in.readInt() != OPTIMIZER_MAGIC) {
                throw new IOException(OPTIMIZER + " does not start with the optimizer file marker");
            }
            long step = in.readLong();
            int count = in.readInt();
            Map<String, float[]> first = new LinkedHashMap<>();
            Map<String, float[]> second = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                first.put(name, readFloats(in));
                second.put(name, readFloats(in));
            }
            return new OptimizerState(step, first, second);
        }
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * values.length);
        putFloats(buffer, values);
        out.write(buffer.array());
    }

    private static float[] readFloats(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new IOException("truncated float array");
        }
        int length = checkedLength(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt());
        byte[] body = in.readNBytes(4 * length);
        if (body.length < 4 * length) {
            throw new IOException("truncated float array");
        }
        float[] values = new float[length];
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** A length-prefixed little-endian float32 array; the bulk copy is what keeps a 13 MB save fast. */
    private static void putFloats(ByteBuffer out, float[] values) {
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(values.length);
        out.asFloatBuffer().put(values);
        out.position(out.position() + 4 * values.length);
        out.order(ByteOrder.BIG_ENDIAN);
    }

    private static float[] getFloats(ByteBuffer in) throws IOException {
        in.order(ByteOrder.LITTLE_ENDIAN);
        int length = checkedLength(in.getInt());
        if (in.remaining() < 4L * length) {
            throw new IOException("truncated float array");
        }
        float[] values = new float[length];
        in.asFloatBuffer().get(values);
        in.position(in.position() + 4 * length);
        in.order(ByteOrder.BIG_ENDIAN);
        return values;
    }

    private static int checkedLength(int length) throws IOException {
        if (length < 0 || length > (1 << 28)) {
            throw new IOException("implausible float array length " + length);
        }
        return length;
    }

    /** The name as {@link DataOutputStream#writeUTF} writes it, which earlier checkpoints hold. */
    private static byte[] modifiedUtf8(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length() + 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(name);
        }
        return bytes.toByteArray();
    }

    private static String readModifiedUtf8(byte[] data, ByteBuffer in) throws IOException {
        int start = in.position();
        try (DataInputStream names = new DataInputStream(new java.io.ByteArrayInputStream(data, start,
                data.length - start))) {
            String name = names.readUTF();
            in.position(start + 2 + (((data[start] & 0xff) << 8) | (data[start + 1] & 0xff)));
            return name;
        }
    }
}
