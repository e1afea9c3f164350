/**
 * Multimodal training data for MoDoMoDo: the {@link io.modomodo.domains.Item} every domain yields, the
 * think-answer {@link io.modomodo.domains.PromptTemplate}, the verifier names shared with the reward-service
 * ({@link io.modomodo.domains.Verifiers}) and the {@link io.modomodo.domains.Dataset} abstraction. The built-in
 * suite is in {@code suite}, JSONL datasets in {@code jsonl}, the mixture sampler in {@code sampler}.
 */
package io.modomodo.domains;
