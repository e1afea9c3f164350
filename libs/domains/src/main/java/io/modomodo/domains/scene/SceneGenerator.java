package io.modomodo.domains.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws random scene graphs: coloured shapes placed without overlap, two digits, or a small bar chart.
 * Pixel sizes scale with the image: a small shape is 16% and a large one 25% of the shorter side
 * (10 and 16 pixels at 64×64), and objects keep a gap of at least {@value #GAP} pixels.
 * Stateless and thread-safe; all randomness comes from the generator passed in.
 */
public final class SceneGenerator {

    /** Minimum distance in pixels between any two object boxes. */
    public static final int GAP = 2;
    private static final int PLACEMENT_TRIES = 200;
    private static final int SCENE_TRIES = 100;

    private SceneGenerator() {
    }

    /** Pixel side of a shape of this size in an image of this size. */
    public static int side(Size size, int width, int height) {
        int m = Math.min(width, height);
        return Math.max(4, (int) Math.round(m * (size == Size.SMALL ? 0.16 : 0.25)));
    }

    /**
     * A scene of {@code count} geometric shapes whose colours and shapes are drawn uniformly from the given
     * lists (repeats allowed), each small or large, placed without overlap.
     *
     * @throws IllegalStateException when the objects cannot be placed (too many for the image)
     */
    public static Scene shapes(RandomGenerator rng, int width, int height, int count,
                               List<Colour> colours, List<Shape> shapes) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        for (int attempt = 0; attempt < SCENE_TRIES; attempt++) {
            List<SceneObject> placed = new ArrayList<>(count);
            boolean ok = true;
            for (int i = 0; i < count && ok; i++) {
                Shape shape = shapes.get(rng.nextInt(shapes.size()));
                Colour colour = colours.get(rng.nextInt(colours.size()));
                Size size = rng.nextBoolean() ? Size.SMALL : Size.LARGE;
                Box box = place(rng, width, height, side(size, width, height), placed);
                if (box == null && size == Size.LARGE) {
                    size = Size.SMALL;
                    box = place(rng, width, height, side(size, width, height), placed);
                }
                if (box == null) {
                    ok = false;
                } else {
                    placed.add(new SceneObject(shape, colour, size, box, 0));
                }
            }
            if (ok) {
                return new Scene(width, height, placed);
            }
        }
        throw new IllegalStateException("cannot place " + count + " objects without overlap in "
                + width + "x" + height);
    }

    private static Box place(RandomGenerator rng, int width, int height, int side, List<SceneObject> placed) {
        if (side > width || side > height) {
            return null;
        }
        for (int t = 0; t < PLACEMENT_TRIES; t++) {
            int x = rng.nextInt(width - side + 1);
            int y = rng.nextInt(height - side + 1);
            Box box = new Box(x, y, x + side, y + side);
            boolean free = true;
            for (SceneObject o : placed) {
                if (o.box().overlaps(box, GAP)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return box;
            }
        }
        return null;
    }

    /**
     * Two seven-segment digits in 0..{@code maxValue}, the first in the left half and the second in the
     * right half of the image. A digit's box is its glyph cell.
     */
    public static Scene digits(RandomGenerator rng, int width, int height, int maxValue) {
        int half = width / 2;
        // As tall as 45% of the image, but narrow enough that each digit fits in its half.
        int h = Math.max(7, Math.min((int) Math.round(height * 0.45), (int) ((half - 2) / 0.6)));
        int w = Math.max(4, Math.min((int) Math.round(h * 0.6), half - 2));
        List<SceneObject> objects = new ArrayList<>(2);
        for (int i = 0; i < 2; i++) {
            int x0 = i * half;
            int x = x0 + rng.nextInt(Math.max(1, half - w - 1)) + (i == 0 ? 0 : 1);
            int y = rng.nextInt(height - h + 1);
            Colour colour = Colour.PALETTE.get(rng.nextInt(Colour.PALETTE.size()));
            objects.add(new SceneObject(Shape.DIGIT, colour, Size.LARGE, new Box(x, y, x + w, y + h),
                    rng.nextInt(maxValue + 1)));
        }
        return new Scene(width, height, objects);
    }

    /**
     * A bar chart of {@code bars} bars with distinct colours and heights 1..{@code maxValue} units standing
     * on a common baseline; the renderer draws a grid line at every unit so heights can be read.
     */
    public static Scene bars(RandomGenerator rng, int width, int height, int bars, int maxValue,
                             List<Colour> colours) {
        if (bars < 1 || bars > colours.size()) {
            throw new IllegalArgumentException("bars must be in 1.." + colours.size() + ": " + bars);
        }
        int margin = Math.max(2, height / 16);
        int unit = Math.max(1, (height - 2 * margin) / maxValue);
        int baseline = margin + unit * maxValue;
        int slot = width / bars;
        int barWidth = Math.max(2, slot / 2);
        List<Colour> pool = new ArrayList<>(colours);
        List<SceneObject> objects = new ArrayList<>(bars);
        for (int i = 0; i < bars; i++) {
            Colour colour = pool.remove(rng.nextInt(pool.size()));
            int value = 1 + rng.nextInt(maxValue);
            int x = i * slot + (slot - barWidth) / 2;
            objects.add(new SceneObject(Shape.BAR, colour, Size.LARGE,
                    new Box(x, baseline - unit * value, x + barWidth, baseline), value));
        }
        return new Scene(width, height, objects);
    }
}
