/**
 * Hand-rolled scanners shared by the verifiers: a number reader that accepts the forms models write
 * (separators, fractions, scientific notation, units, words), box reading, LaTeX unwrapping and
 * parameter parsing. They scan once, allocate little and never use regular expressions, so they are
 * fast and their running time is linear in the input.
 */
package io.modomodo.rewards.text;
