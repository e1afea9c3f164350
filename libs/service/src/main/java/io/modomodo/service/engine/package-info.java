/**
 * The PyTorch engine inside a service: its thread count taken from configuration before it loads
 * ({@link io.modomodo.service.engine.EngineThreads}), its warm-up and its health
 * ({@link io.modomodo.service.engine.PolicyEngineHealth}), both configured by
 * {@link io.modomodo.service.engine.EngineProperties} ({@code modomodo.engine.*}).
 */
package io.modomodo.service.engine;
