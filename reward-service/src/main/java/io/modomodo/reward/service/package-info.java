/** Batch validation, scoring and metrics of the reward-service. */
package io.modomodo.reward.service;
