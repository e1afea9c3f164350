package io.modomodo.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.tokenizer.ByteTokenizer;

class PolicyCacheTest {

    @TempDir
    Path root;

    void save(Path folder, int versions) {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(folder);
        PolicyConfig config = new PolicyConfig(new ByteTokenizer().vocabularySize(), 16, 4, 32, 1, 2, 64, 32, 1e-5,
                0.02, 7);
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, new ByteTokenizer(), Device.cpu())) {
            for (int v = 0; v < versions; v++) {
                store.save(policy, null, Map.of());
            }
        }
    }

    @Test
    void resolvesTheLatestVersionAndLeasesItFromTheCache() {
        PolicyStoreLayout layout = new PolicyStoreLayout(root);
        save(layout.folder("base"), 2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PolicyCache cache = new PolicyCache(layout, 1, Device.cpu(), registry, "test.cache")) {
            PolicyVersion latest = cache.resolve(new PolicyRef("base", null));
            assertThat(latest).isEqualTo(new PolicyVersion("base", 2));
            try (Lease<LoadedCheckpoint> first = cache.lease(latest);
                    Lease<LoadedCheckpoint> second = cache.lease(latest)) {
                assertThat(second.value()).isSameAs(first.value());
                assertThat(first.value().version()).isEqualTo(2);
                assertThat(first.value().optimizerState()).isNull();
            }
            try (Lease<LoadedCheckpoint> older = cache.lease(cache.resolve(new PolicyRef("base", 1L)))) {
                assertThat(older.value().version()).isEqualTo(1);
            }
            assertThat(registry.get("test.cache.hits").counter().count()).isEqualTo(1);
            assertThat(registry.get("test.cache.loads").timer().count()).isEqualTo(2);
            assertThat(registry.get("test.cache.evictions").counter().count()).isEqualTo(1);
            assertThat(registry.get("test.cache.size").gauge().value()).isEqualTo(1);
        }
    }

    @Test
    void findsAJobsWeightsUnderItsOwnFolder() {
        PolicyStoreLayout layout = new PolicyStoreLayout(root);
        UUID job = UUID.randomUUID();
        save(layout.job(job), 1);
        try (PolicyCache cache = new PolicyCache(layout, 2, Device.cpu(), null, "x")) {
            assertThat(cache.resolve(new PolicyRef("job:" + job, null)).version()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownPolicyOrVersionIsNotFoundAndCreatesNoFolder() {
        PolicyStoreLayout layout = new PolicyStoreLayout(root);
        save(layout.folder("base"), 1);
        try (PolicyCache cache = new PolicyCache(layout, 2, Device.cpu(), null, "x")) {
            assertThatThrownBy(() -> cache.resolve(new PolicyRef("nobody", null))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> cache.resolve(new PolicyRef("base", 9L))).isInstanceOf(NotFoundException.class);
            assertThat(Files.exists(layout.folder("nobody"))).isFalse();
        }
    }

    @Test
    void anInvalidReferenceNamesItsField() {
        try (PolicyCache cache = new PolicyCache(new PolicyStoreLayout(root), 2, Device.cpu(), null, "x")) {
            assertField(() -> cache.resolve(null), "policy");
            assertField(() -> cache.resolve(new PolicyRef(" ", null)), "policy.name");
            assertField(() -> cache.resolve(new PolicyRef("../etc", null)), "policy.name");
            assertField(() -> cache.resolve(new PolicyRef("job:nope", null)), "policy.name");
            assertField(() -> cache.resolve(new PolicyRef("base", 0L)), "policy.version");
        }
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class,
                ex -> assertThat(ex.field()).isEqualTo(field));
    }
}
