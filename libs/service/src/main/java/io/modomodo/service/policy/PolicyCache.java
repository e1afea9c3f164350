package io.modomodo.service.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.policy.checkpoint.CheckpointNotFoundException;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.runtime.PolicyMetrics;

/**
 * Policy versions loaded from the shared checkpoint store ({@link PolicyStoreLayout}), a bounded number
 * at a time, each handed out under a {@link Lease}: hold the lease for as long as you use the model
 * (the whole generate call), and close it after; an evicted version is closed at its last release.
 * Loaded versions carry no optimizer state (serving needs only the weights).
 *
 * <p>Names and versions come from callers, so the errors are the request's: an invalid name or version
 * is an {@link InvalidRequestException} naming {@code <field>.name} / {@code <field>.version}, an
 * unknown policy or version a {@link NotFoundException}. A corrupted checkpoint is the store's fault
 * and leaves as the library's {@code CheckpointCorruptedException}.
 *
 * <p>Meters (when a registry is given), under the prefix passed in: {@code <prefix>.hits},
 * {@code <prefix>.loads} (timer), {@code <prefix>.evictions}, and gauges {@code <prefix>.size},
 * {@code <prefix>.leases}.
 */
public final class PolicyCache implements AutoCloseable {

    /** The request field a {@link PolicyRef} usually sits in. */
    public static final String DEFAULT_FIELD = "policy";

    private final PolicyStoreLayout layout;
    private final Device device;
    private final PolicyMetrics policyMetrics;
    private final LeasedCache<PolicyVersion, LoadedCheckpoint> cache;

    /**
     * @param layout where policies live
     * @param capacity most versions kept loaded
     * @param device where loaded models live ({@code DjlRuntime.preferredDevice()} in services)
     * @param registry meters go here; may be null
     * @param metricPrefix prefix of the cache's meters, such as {@code modomodo.rollout.cache}
     */
    public PolicyCache(PolicyStoreLayout layout, int capacity, Device device, MeterRegistry registry,
            String metricPrefix) {
        this.layout = layout;
        this.device = device;
        this.policyMetrics = PolicyMetrics.of(registry);
        this.cache = new LeasedCache<>(capacity, this::load, LoadedCheckpoint::close,
                registry == null ? null : new Meters(registry, metricPrefix));
        if (registry != null) {
            Gauge.builder(metricPrefix + ".size", cache, LeasedCache::size)
                    .description("Policy versions loaded").register(registry);
            Gauge.builder(metricPrefix + ".leases", cache, LeasedCache::leased)
                    .description("Open leases on loaded policy versions").register(registry);
        }
    }

    /** Resolves a reference in the request field {@value #DEFAULT_FIELD}; see {@link #resolve(String, PolicyRef)}. */
    public PolicyVersion resolve(PolicyRef ref) {
        return resolve(DEFAULT_FIELD, ref);
    }

    /**
     * The exact version a reference means: its version when given, else the latest one.
     *
     * @param field where the reference sits in the request, for error messages
     * @throws InvalidRequestException naming {@code field}, {@code field.name} or {@code field.version}
     * @throws NotFoundException when the policy or the version does not exist
     */
    public PolicyVersion resolve(String field, PolicyRef ref) {
        if (ref == null) {
            throw new InvalidRequestException(field, field + " is required: {\"name\": …, \"version\": …}");
        }
        if (ref.name() == null || ref.name().isBlank()) {
            throw new InvalidRequestException(field + ".name", field + ".name is required");
        }
        if (ref.version() != null && ref.version() < 1) {
            throw new InvalidRequestException(field + ".version",
                    field + ".version must be at least 1 (or absent for the latest), got " + ref.version());
        }
        DirectoryCheckpointStore store = store(field, ref.name());
        if (ref.version() != null) {
            if (!store.versions().contains(ref.version())) {
                throw new NotFoundException("policy version", ref.name() + "@" + ref.version());
            }
            return new PolicyVersion(ref.name(), ref.version());
        }
        List<Long> versions = store.versions();
        if (versions.isEmpty()) {
            throw new NotFoundException("policy version", ref.name() + "@latest");
        }
        return new PolicyVersion(ref.name(), versions.get(versions.size() - 1));
    }

    /**
     * Leases a version, loading it when it is not cached. Close the lease when done with the model.
     *
     * @throws NotFoundException when the version disappeared from the store since it was resolved
     */
    public Lease<LoadedCheckpoint> lease(PolicyVersion version) {
        return cache.acquire(version);
    }

    /** Whether a version is loaded (or loading) now. */
    public boolean isLoaded(PolicyVersion version) {
        return cache.contains(version);
    }

    /** Versions loaded (or loading) now. */
    public int size() {
        return cache.size();
    }

    /** Evicts everything; models in use close when their leases are released. */
    @Override
    public void close() {
        cache.close();
    }

    private DirectoryCheckpointStore store(String field, String name) {
        Path folder;
        try {
            folder = layout.folder(name);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRequestException(field + ".name", field + "." + ex.getMessage());
        }
        // Checked first: the store's constructor creates its folder, and a reader must not create one per
        // name it is asked about.
        if (!Files.isDirectory(folder)) {
            throw new NotFoundException("policy", name);
        }
        return new DirectoryCheckpointStore(folder).optMetrics(policyMetrics);
    }

    private LoadedCheckpoint load(PolicyVersion version) {
        DirectoryCheckpointStore store = store(DEFAULT_FIELD, version.name());
        LoadedCheckpoint loaded;
        try {
            loaded = store.load(version.version(), device);
        }
        catch (CheckpointNotFoundException ex) {
            throw new NotFoundException("policy version", version);
        }
        // Serving needs the weights only; the optimizer moments would double the memory held.
        return new LoadedCheckpoint(loaded.version(), loaded.policy(), null, loaded.metadata());
    }

    private static final class Meters implements LeasedCache.Listener {
        private final Counter hits;
        private final Timer loads;
        private final Counter evictions;

        Meters(MeterRegistry registry, String prefix) {
            hits = Counter.builder(prefix + ".hits").description("Leases served by a loaded policy version")
                    .register(registry);
            loads = Timer.builder(prefix + ".loads").description("Policy versions loaded from the store")
                    .register(registry);
            evictions = Counter.builder(prefix + ".evictions").description("Policy versions evicted")
                    .register(registry);
        }

        @Override
        public void hit() {
            hits.increment();
        }

        @Override
        public void loaded(long nanos) {
            loads.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void evicted() {
            evictions.increment();
        }
    }
}
