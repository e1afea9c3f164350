package io.modomodo.api.trainer;

/**
 * A job's latest full checkpoint.
 *
 * @param weightsSha256 a digest of the weights alone, so two runs' weights can be compared
 */
public record CheckpointInfo(long version, int step, String weightsSha256) {
}
