package io.modomodo.domains.scene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A scene graph: the image size and its objects with their exact boxes. Everything an item asks about
 * can be recomputed from it; two scenes are the same scene when their {@link #canonical()} forms are equal.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param objects the objects, in drawing order
 */
public record Scene(int width, int height, List<SceneObject> objects) {

    private static final Comparator<SceneObject> CANONICAL_ORDER = Comparator
            .comparingInt((SceneObject o) -> o.box().y1())
            .thenComparingInt(o -> o.box().x1())
            .thenComparingInt(o -> o.box().y2())
            .thenComparingInt(o -> o.box().x2())
            .thenComparing(SceneObject::shape)
            .thenComparing(SceneObject::colour)
            .thenComparing(SceneObject::size)
            .thenComparingInt(SceneObject::value);

    /** Copies the object list and checks that every box lies inside the image. */
    public Scene {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
        for (SceneObject o : objects) {
            Box b = o.box();
            if (b.x1() < 0 || b.y1() < 0 || b.x2() > width || b.y2() > height) {
                throw new IllegalArgumentException("box " + b.toAnswer() + " outside " + width + "x" + height);
            }
        }
    }

    /** The same scene with its objects in a canonical order, independent of drawing order. */
    public Scene canonical() {
        List<SceneObject> sorted = new ArrayList<>(objects);
        sorted.sort(CANONICAL_ORDER);
        return new Scene(width, height, sorted);
    }

    /**
     * A 64-bit hash of the canonical scene graph: equal scenes have equal fingerprints. Splits are assigned
     * from it, so a scene can only ever belong to one split.
     */
    public long fingerprint() {
        long h = mix(0x5CE4E5EEDL ^ width, height);
        for (SceneObject o : canonical().objects) {
            Box b = o.box();
            h = mix(h, o.shape().ordinal());
            h = mix(h, o.colour().ordinal());
            h = mix(h, o.size().ordinal());
            h = mix(h, o.value());
            h = mix(h, b.x1());
            h = mix(h, b.y1());
            h = mix(h, b.x2());
            h = mix(h, b.y2());
        }
        return h;
    }

    private static long mix(long h, long v) {
        long z = h * 0x9E3779B97F4A7C15L + v + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
