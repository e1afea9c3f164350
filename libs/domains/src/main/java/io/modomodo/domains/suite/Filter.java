package io.modomodo.domains.suite;

import io.modomodo.domains.scene.Colour;
import io.modomodo.domains.scene.Scene;
import io.modomodo.domains.scene.SceneObject;
import io.modomodo.domains.scene.Shape;

/**
 * A kind of object to count: a colour, a shape, both, or neither (all objects).
 *
 * @param colour colour or null
 * @param shape shape or null
 */
public record Filter(Colour colour, Shape shape) {

    /** Whether the object is of this kind. */
    public boolean matches(SceneObject o) {
        return (colour == null || o.colour() == colour) && (shape == null || o.shape() == shape);
    }

    /** How many objects of the scene are of this kind. */
    public int count(Scene scene) {
        int n = 0;
        for (SceneObject o : scene.objects()) {
            if (matches(o)) {
                n++;
            }
        }
        return n;
    }

    /** The plural noun phrase, e.g. {@code red circles} or {@code objects}. */
    public String plural() {
        String noun = shape == null ? "objects" : shape.plural();
        return colour == null ? noun : colour.word() + " " + noun;
    }
}
