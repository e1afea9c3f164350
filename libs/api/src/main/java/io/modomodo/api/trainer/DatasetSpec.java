package io.modomodo.api.trainer;

/**
 * A JSONL dataset a job may mix in beside the built-in domains.
 *
 * @param jsonl a path relative to the trainer's data root ({@code modomodo.trainer.data-root})
 */
public record DatasetSpec(String jsonl) {
}
