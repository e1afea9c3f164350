/**
 * Pilot designs for a mixture study: seed mixtures (uniform, one-hot, leave-one-out), Dirichlet
 * samples and space-filling (maximin) sets. Every design respects the study's bounds, is the same for
 * the same seed, and skips mixtures the study has already run.
 */
package io.modomodo.mixtures.design;
