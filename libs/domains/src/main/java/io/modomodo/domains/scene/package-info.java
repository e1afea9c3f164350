/**
 * Procedural scenes: a scene graph of coloured shapes, digits or bars with exact pixel boxes
 * ({@link io.modomodo.domains.scene.Scene}), its generator ({@link io.modomodo.domains.scene.SceneGenerator})
 * and its renderer to PNG ({@link io.modomodo.domains.scene.SceneRenderer}).
 */
package io.modomodo.domains.scene;
