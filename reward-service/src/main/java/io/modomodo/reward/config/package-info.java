/** Typed settings and wiring of the reward-service. */
package io.modomodo.reward.config;
