/**
 * The mixture-service's use cases: validating and storing studies and runs, designing pilot mixtures,
 * fitting surrogates and proposing mixtures with {@code libs/mixtures}. Returns API records; entities
 * stay here and below.
 */
package io.modomodo.mixture.service;
