package io.modomodo.domains.scene;

/**
 * A pixel box {@code [x1, y1, x2, y2]} with exclusive upper corners: it covers pixels x1 ≤ x &lt; x2,
 * y1 ≤ y &lt; y2, so its area is (x2 − x1)·(y2 − y1) as the {@code iou} verifier computes it.
 */
public record Box(int x1, int y1, int x2, int y2) {

    /** Checks that the box is non-empty. */
    public Box {
        if (x2 <= x1 || y2 <= y1) {
            throw new IllegalArgumentException("empty box [" + x1 + "," + y1 + "," + x2 + "," + y2 + "]");
        }
    }

    /** Width in pixels. */
    public int width() {
        return x2 - x1;
    }

    /** Height in pixels. */
    public int height() {
        return y2 - y1;
    }

    /** True when the boxes, each grown by {@code gap} pixels, share a pixel. */
    public boolean overlaps(Box other, int gap) {
        return x1 < other.x2 + gap && other.x1 < x2 + gap && y1 < other.y2 + gap && other.y1 < y2 + gap;
    }

    /** Intersection over union with the other box. */
    public double iou(Box other) {
        long iw = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
        long ih = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
        long inter = iw * ih;
        long union = (long) width() * height() + (long) other.width() * other.height() - inter;
        return (double) inter / union;
    }

    /** The answer form used by items and the {@code iou} verifier: {@code [x1,y1,x2,y2]}. */
    public String toAnswer() {
        return "[" + x1 + "," + y1 + "," + x2 + "," + y2 + "]";
    }
}
