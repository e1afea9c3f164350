/**
 * The built-in task suite: five training domains ({@code count}, {@code ground}, {@code attribute},
 * {@code spatial}, {@code arith}) and out-of-distribution benchmarks that combine their skills, generated
 * deterministically from (domain, split, index, seed) by {@link io.modomodo.domains.suite.TaskSuite}.
 */
package io.modomodo.domains.suite;
