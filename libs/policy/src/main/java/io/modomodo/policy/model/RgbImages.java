package io.modomodo.policy.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Decodes encoded images (PNG, or any format {@link ImageIO} reads) into the policy's input: CHW
 * float RGB in [0, 1], resized to a square of the model's image size. Alpha is dropped.
 */
public final class RgbImages {

    private RgbImages() {
    }

    /**
     * Decodes and, when needed, resizes (bilinear) to {@code size × size}.
     *
     * @throws IllegalArgumentException when the bytes are not a readable image
     */
    public static float[] decode(byte[] encoded, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        BufferedImage image;
        try {
            image = encoded == null ? null : ImageIO.read(new ByteArrayInputStream(encoded));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read image bytes", ex);
        }
        if (image == null) {
            throw new IllegalArgumentException("image bytes are not a PNG or other readable image format");
        }
        if (image.getWidth() != size || image.getHeight() != size) {
            BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = resized.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, size, size, null);
            graphics.dispose();
            image = resized;
        }
        return toChw(image);
    }

    /** CHW floats in [0, 1] of an image, at its own size. */
    public static float[] toChw(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] chw = new float[3 * plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int index = y * width + x;
                chw[index] = ((rgb >> 16) & 0xff) / 255f;
                chw[plane + index] = ((rgb >> 8) & 0xff) / 255f;
                chw[2 * plane + index] = (rgb & 0xff) / 255f;
            }
        }
        return chw;
    }
}
