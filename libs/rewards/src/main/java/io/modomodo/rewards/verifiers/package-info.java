/**
 * The built-in verifiers, one class each: {@code choice}, {@code number}, {@code math}, {@code iou},
 * {@code yes_no}, {@code exact}. Each reads its gold answer with the same reader it applies to
 * answers, so a gold answer it cannot read is refused up front.
 */
package io.modomodo.rewards.verifiers;
