/**
 * Requests and responses of the trainer-service (port 8083): base policies and GRPO training jobs.
 * {@link io.modomodo.api.client.TrainerClient} is the client.
 */
package io.modomodo.api.trainer;
