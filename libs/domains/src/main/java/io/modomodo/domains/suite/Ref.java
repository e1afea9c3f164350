package io.modomodo.domains.suite;

import io.modomodo.domains.scene.Colour;
import io.modomodo.domains.scene.SceneObject;
import io.modomodo.domains.scene.Shape;
import io.modomodo.domains.scene.Size;

/**
 * A referring expression: the objects with these attributes (a null attribute matches anything), e.g.
 * "the small red object". Items only use refs that match exactly one object of their scene.
 *
 * @param size size or null
 * @param colour colour or null
 * @param shape shape or null
 */
public record Ref(Size size, Colour colour, Shape shape) {

    /** Whether the object matches every non-null attribute. */
    public boolean matches(SceneObject o) {
        return (size == null || o.size() == size) && (colour == null || o.colour() == colour)
                && (shape == null || o.shape() == shape);
    }

    /** Number of attributes used. */
    public int attributes() {
        return (size == null ? 0 : 1) + (colour == null ? 0 : 1) + (shape == null ? 0 : 1);
    }

    /** The English noun phrase, e.g. {@code the small red circle}. */
    public String phrase() {
        StringBuilder sb = new StringBuilder("the ");
        if (size != null) {
            sb.append(size.word()).append(' ');
        }
        if (colour != null) {
            sb.append(colour.word()).append(' ');
        }
        sb.append(shape == null ? "object" : shape.word());
        return sb.toString();
    }
}
