package io.modomodo.domains.suite;

/**
 * How hard a domain's items are.
 *
 * @param minObjects fewest objects in a scene (the objects not asked about are distractors); for {@code arith}
 *                   bar charts, fewest bars (2–4); {@code spatial} and the benchmarks use at least 2
 * @param maxObjects most objects in a scene, at most 8
 * @param width image width in pixels
 * @param height image height in pixels
 * @param colours how many colours of the palette are used (2–6): fewer is easier
 * @param shapes how many shapes are used (2–4): fewer is easier
 * @param maxValue largest digit or bar height in {@code arith} (1–9)
 */
public record Difficulty(int minObjects, int maxObjects, int width, int height, int colours, int shapes,
                         int maxValue) {

    /** Most objects a scene may hold. */
    public static final int MAX_OBJECTS = 8;

    /** Checks every bound and names the one that is violated. */
    public Difficulty {
        if (minObjects < 1 || minObjects > maxObjects || maxObjects > MAX_OBJECTS) {
            throw new IllegalArgumentException("objects must satisfy 1 <= minObjects <= maxObjects <= "
                    + MAX_OBJECTS + ": " + minObjects + ".." + maxObjects);
        }
        if (width < 32 || height < 32 || width > 1024 || height > 1024) {
            throw new IllegalArgumentException("image size must be in 32..1024: " + width + "x" + height);
        }
        if (colours < 2 || colours > 6) {
            throw new IllegalArgumentException("colours must be in 2..6: " + colours);
        }
        if (shapes < 2 || shapes > 4) {
            throw new IllegalArgumentException("shapes must be in 2..4: " + shapes);
        }
        if (maxValue < 1 || maxValue > 9) {
            throw new IllegalArgumentException("maxValue must be in 1..9: " + maxValue);
        }
    }

    /** The same difficulty with another object range. */
    public Difficulty withObjects(int min, int max) {
        return new Difficulty(min, max, width, height, colours, shapes, maxValue);
    }

    /** The same difficulty at another image size. */
    public Difficulty withImageSize(int w, int h) {
        return new Difficulty(minObjects, maxObjects, w, h, colours, shapes, maxValue);
    }

    /** The same difficulty with other palette sizes. */
    public Difficulty withPalette(int colourCount, int shapeCount) {
        return new Difficulty(minObjects, maxObjects, width, height, colourCount, shapeCount, maxValue);
    }

    /** The same difficulty with another largest value. */
    public Difficulty withMaxValue(int value) {
        return new Difficulty(minObjects, maxObjects, width, height, colours, shapes, value);
    }
}
