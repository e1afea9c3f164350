package io.modomodo.domains.scene;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Renders a scene graph into pixels and PNG bytes. Shapes are rasterised without anti-aliasing by
 * pixel-centre tests inside their box, so every shape touches all four sides of its box (the box is
 * exact) and output is identical on every JVM. Thread-safe.
 */
public final class SceneRenderer {

    /** Background colour, 0xRRGGBB. */
    public static final int BACKGROUND = 0x101010;
    /** Colour of the bar-chart grid lines, 0xRRGGBB. */
    public static final int GRID = 0x505050;

    static {
        // In-memory streams only: no temporary files for every PNG.
        ImageIO.setUseCache(false);
    }

    private SceneRenderer() {
    }

    /** The scene as an RGB image. */
    public static BufferedImage render(Scene scene) {
        int w = scene.width();
        BufferedImage image = new BufferedImage(w, scene.height(), BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(px, BACKGROUND);
        drawGrid(scene, px, w);
        for (SceneObject o : scene.objects()) {
            Box b = o.box();
            int rgb = o.colour().rgb();
            for (int y = b.y1(); y < b.y2(); y++) {
                for (int x = b.x1(); x < b.x2(); x++) {
                    if (covers(o, x - b.x1(), y - b.y1())) {
                        px[y * w + x] = rgb;
                    }
                }
            }
        }
        return image;
    }

    /** The scene as PNG bytes (our own encoder: fast for small images and stable across JDKs). */
    public static byte[] png(Scene scene) {
        BufferedImage image = render(scene);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        return PngEncoder.encode(px, image.getWidth(), image.getHeight());
    }

    /** Any image as PNG bytes, through ImageIO. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawGrid(Scene scene, int[] px, int w) {
        SceneObject bar = null;
        for (SceneObject o : scene.objects()) {
            if (o.shape() == Shape.BAR) {
                bar = o;
                break;
            }
        }
        if (bar == null) {
            return;
        }
        int unit = bar.box().height() / bar.value();
        int baseline = bar.box().y2();
        for (int y = baseline; y >= 0; y -= unit) {
            if (y < scene.height()) {
                java.util.Arrays.fill(px, y * w, y * w + w, GRID);
            }
        }
    }

    /** Whether the pixel at (dx, dy) inside the object's box belongs to the object. */
    static boolean covers(SceneObject o, int dx, int dy) {
        int w = o.box().width();
        int h = o.box().height();
        double cx = dx + 0.5 - w / 2.0;
        double cy = dy + 0.5 - h / 2.0;
        switch (o.shape()) {
            case CIRCLE: {
                double rx = w / 2.0;
                double ry = h / 2.0;
                return (cx * cx) / (rx * rx) + (cy * cy) / (ry * ry) <= 1.0 + 1e-9
                        || (Math.abs(cx) <= 0.5 && Math.abs(cy) <= 0.5);
            }
            case TRIANGLE: {
                double half = w * (dy + 1) / (2.0 * h);
                return Math.abs(cx) <= half + 1e-9;
            }
            case CROSS: {
                double t = Math.max(1.0, w / 6.0);
                return Math.abs(cx) <= t || Math.abs(cy) <= Math.max(1.0, h / 6.0);
            }
            case DIGIT:
                return SevenSegment.covers(o.value(), w, h, dx, dy);
            default:
                return true;
        }
    }

    /** Seven-segment digits drawn with rectangles, so no font is needed. */
    private static final class SevenSegment {
        // Segments a..g per digit, bit 0 = a (top), 1 = b (top right), 2 = c (bottom right), 3 = d (bottom),
        // 4 = e (bottom left), 5 = f (top left), 6 = g (middle).
        private static final int[] SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

        static boolean covers(int digit, int w, int h, int x, int y) {
            int s = SEGMENTS[digit];
            int t = Math.max(1, Math.min(w, h) / 5);
            int mid = h / 2;
            boolean top = y < t;
            boolean bottom = y >= h - t;
            boolean middle = y >= mid - t / 2 - (t % 2) && y < mid + t / 2;
            boolean left = x < t;
            boolean right = x >= w - t;
            boolean upper = y < mid + t / 2;
            boolean lower = y >= mid - t / 2 - (t % 2);
            return ((s & 1) != 0 && top)
                    || ((s & 2) != 0 && right && upper)
                    || ((s & 4) != 0 && right && lower)
                    || ((s & 8) != 0 && bottom)
                    || ((s & 16) != 0 && left && lower)
                    || ((s & 32) != 0 && left && upper)
                    || ((s & 64) != 0 && middle);
        }
    }
}
