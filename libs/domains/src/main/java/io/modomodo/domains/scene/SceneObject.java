package io.modomodo.domains.scene;

import java.util.Objects;

/**
 * One object of a scene graph with its exact pixel box (the tight bounds of its rendered pixels).
 *
 * @param shape what it is
 * @param colour its colour
 * @param size nominal size (digits and bars are {@link Size#LARGE})
 * @param box tight pixel box
 * @param value the digit or bar height for {@link Shape#DIGIT} and {@link Shape#BAR}, else 0
 */
public record SceneObject(Shape shape, Colour colour, Size size, Box box, int value) {

    /** Checks that no component is null. */
    public SceneObject {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(box, "box");
    }
}
