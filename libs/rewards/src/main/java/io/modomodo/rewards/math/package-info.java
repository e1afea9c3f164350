/**
 * Equivalence of math answers: a LaTeX / plain-text cleaner, a recursive-descent expression parser
 * and an evaluator that compares expressions numerically (at several fixed random points when they
 * have variables). Every stage is bounded by input size, nesting depth, node count and magnitude, so a
 * hostile answer is refused in time linear in its (capped) length, with no thread interrupt or signal.
 */
package io.modomodo.rewards.math;
