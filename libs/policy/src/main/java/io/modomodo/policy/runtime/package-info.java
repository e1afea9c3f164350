/**
 * The DJL PyTorch engine as the platform runs it: offline, with the native library shipped on the
 * classpath, on the GPU when DJL reports one and on the CPU otherwise.
 */
package io.modomodo.policy.runtime;
