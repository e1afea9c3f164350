/**
 * What the processes of the platform need from their launcher: the environment a PyTorch service starts with.
 */
package io.modomodo.api.runtime;
