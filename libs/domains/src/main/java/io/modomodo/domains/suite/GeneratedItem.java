package io.modomodo.domains.suite;

import io.modomodo.domains.Item;
import io.modomodo.domains.PromptTemplate;
import io.modomodo.domains.scene.Scene;

/**
 * A built-in item together with what produced it: its scene graph and structured question (from which the
 * answer can be recomputed) and a short reasoning for its warm-start target.
 *
 * @param item the item
 * @param split its split
 * @param index its index within (domain, split, seed)
 * @param scene the scene graph drawn in the image
 * @param query the structured question
 * @param reasoning a short chain of thought that leads to the answer
 */
public record GeneratedItem(Item item, Split split, long index, Scene scene, Query query, String reasoning) {

    /** A well-formed think-answer response with the gold answer: the supervised warm-start target. */
    public String targetResponse() {
        return PromptTemplate.THINK_ANSWER.response(reasoning, item.answer());
    }
}
