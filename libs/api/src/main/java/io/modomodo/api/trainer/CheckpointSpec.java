package io.modomodo.api.trainer;

/**
 * @param every a full checkpoint (weights, optimizer, sampler position, RNG, step) every this many steps
 * @param keep how many full checkpoints to keep
 */
public record CheckpointSpec(Integer every, Integer keep) {
}
