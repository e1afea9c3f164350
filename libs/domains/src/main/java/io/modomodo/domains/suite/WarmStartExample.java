package io.modomodo.domains.suite;

import io.modomodo.domains.Item;

/**
 * A supervised example for a base model: an item and a well-formed think-answer target response whose
 * answer is the item's gold answer.
 *
 * @param item the item (its prompt is shown with the think-answer instruction)
 * @param target the target response
 */
public record WarmStartExample(Item item, String target) {
}
