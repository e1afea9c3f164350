package io.modomodo.domains;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encoded image with its pixel size. The byte array is shared, not copied, for speed: treat it as
 * read-only.
 *
 * @param bytes the encoded image (PNG for the built-in suite; PNG, JPEG, … for JSONL datasets)
 * @param width width in pixels
 * @param height height in pixels
 * @param mediaType e.g. {@code image/png}
 */
public record ItemImage(byte[] bytes, int width, int height, String mediaType) {

    /** Checks the components. */
    public ItemImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
    }

    /** A PNG image. */
    public static ItemImage png(byte[] bytes, int width, int height) {
        return new ItemImage(bytes, width, height, "image/png");
    }

    /** The image as a {@code data:} URI. */
    public String toDataUri() {
        return "data:" + mediaType + ";base64," + java.util.Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemImage other && width == other.width && height == other.height
                && mediaType.equals(other.mediaType) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, mediaType, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "ItemImage[" + mediaType + " " + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}
