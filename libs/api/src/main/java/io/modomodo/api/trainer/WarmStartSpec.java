package io.modomodo.api.trainer;

import java.util.List;

/**
 * The supervised warm start that makes a base policy's version 1.
 *
 * @param steps supervised steps (default: the tuned default, see docs/training.md)
 * @param examples warm-start examples per step
 * @param domains the domains whose warm-start examples are used (default: the training domains)
 */
public record WarmStartSpec(Integer steps, Integer examples, List<String> domains) {
}
