package io.modomodo.policy.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import ai.djl.Device;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.train.OptimizerState;

/**
 * Versioned, immutable policy checkpoints. Versions increase from 1; a version, once listed, is
 * complete and verified on every load.
 */
public interface CheckpointStore {

    /**
     * Saves a new version.
     *
     * @param optimizerState optimizer state to save with it, or null
     * @param metadata free-form string metadata (for example the step), saved in the manifest
     * @return the new version
     */
    long save(VisionLanguagePolicy policy, OptimizerState optimizerState, Map<String, String> metadata);

    /**
     * Loads a version onto a device, verifying every file against the manifest.
     *
     * @throws CheckpointNotFoundException when there is no such version
     * @throws CheckpointCorruptedException when a file is missing, altered or unreadable
     */
    LoadedCheckpoint load(long version, Device device);

    /** Complete versions, oldest first. */
    List<Long> versions();

    /** The newest complete version, if any. */
    default OptionalLong latest() {
        List<Long> versions = versions();
        return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(versions.size() - 1));
    }

    /**
     * Deletes all but the newest {@code keep} versions.
     *
     * @return the versions deleted
     */
    List<Long> retainLast(int keep);
}
