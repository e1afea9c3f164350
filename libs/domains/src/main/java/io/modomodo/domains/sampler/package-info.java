/**
 * The mixture sampler: batches drawn from several datasets by mixture weights, with exact proportions in the
 * long run and a small serialisable position so that a resumed training job sees exactly the same items.
 */
package io.modomodo.domains.sampler;
