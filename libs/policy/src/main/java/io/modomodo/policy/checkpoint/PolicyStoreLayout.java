package io.modomodo.policy.checkpoint;

import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where each policy lives in the checkpoint store that the trainer writes and the rollout-service reads:
 * a base policy {@code name} in {@code <root>/policies/<name>}, the weights of training job {@code id}
 * (addressed as {@code job:<id>}) in {@code <root>/jobs/<id>}. Each has its own folder, so version numbers
 * never collide; each folder is a {@link DirectoryCheckpointStore}.
 */
public final class PolicyStoreLayout {

    /** The prefix that names a training job's published weights. */
    public static final String JOB_PREFIX = "job:";

    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path root;

    public PolicyStoreLayout(Path root) {
        if (root == null) {
            throw new IllegalArgumentException("the checkpoint store root must be given");
        }
        this.root = root;
    }

    /** The store's root folder. */
    public Path root() {
        return root;
    }

    /** Whether {@code name} is a valid base policy name (not {@code .} or {@code ..}). */
    public static boolean isBaseName(String name) {
        return name != null && BASE_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** The policy name under which job {@code jobId}'s weights are published. */
    public static String jobPolicyName(UUID jobId) {
        return JOB_PREFIX + jobId;
    }

    /**
     * The folder of a base policy or of {@code job:<uuid>}.
     *
     * @throws IllegalArgumentException naming {@code name} when it is neither
     */
    public Path folder(String name) {
        if (name != null && name.startsWith(JOB_PREFIX)) {
            String id = name.substring(JOB_PREFIX.length());
            try {
                return root.resolve("jobs").resolve(UUID.fromString(id).toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("name: '" + name + "' is not job:<uuid>");
            }
        }
        if (!isBaseName(name)) {
            throw new IllegalArgumentException(
                    "name: a policy name is 1-64 characters of [A-Za-z0-9._-] or job:<uuid>, got '" + name + "'");
        }
        return root.resolve("policies").resolve(name);
    }

    /** The base policy's folder. */
    public Path basePolicy(String name) {
        if (!isBaseName(name)) {
            throw new IllegalArgumentException(
                    "name: a policy name is 1-64 characters of [A-Za-z0-9._-], got '" + name + "'");
        }
        return root.resolve("policies").resolve(name);
    }

    /** A job's folder. */
    public Path job(UUID jobId) {
        return root.resolve("jobs").resolve(jobId.toString());
    }

    /**
     * The folder of a job's full checkpoints (weights, optimizer, sampler position, step) inside its folder:
     * the rollout-service lists only the {@code v…} versions beside it, so the two never mix.
     */
    public Path jobCheckpoints(UUID jobId) {
        return job(jobId).resolve("checkpoints");
    }

    /**
     * The folder, inside a job's folder, of the weights that sample the rollout in flight at each full checkpoint
     * of a job that samples one step ahead of its update: a resumed job needs them to redo that rollout, and the
     * published versions may have been pruned by then.
     */
    public Path jobRolloutWeights(UUID jobId) {
        return job(jobId).resolve("rollout-weights");
    }
}
