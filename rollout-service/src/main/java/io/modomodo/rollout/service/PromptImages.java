package io.modomodo.rollout.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.policy.model.RgbImages;
import io.modomodo.service.web.LibraryInput;

/**
 * Request images: base64 PNG or JPEG, bare or as a {@code data:image/png;base64,…} URI, checked against
 * the byte and side limits before any pixel is decoded (a few hundred bytes of PNG can declare an image
 * of gigabytes), then decoded to the model's input with {@link RgbImages}.
 */
final class PromptImages {

    private static final Pattern DATA_URI = Pattern.compile("^data:([^;,]*)(;[^,]*)?,");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final long maxBytes;
    private final int maxSide;

    PromptImages(long maxBytes, int maxSide) {
        this.maxBytes = maxBytes;
        this.maxSide = maxSide;
    }

    /**
     * The image as CHW floats of {@code size × size}.
     *
     * @throws InvalidRequestException naming {@code field} when it is missing or not a PNG/JPEG
     * @throws LimitExceededException naming {@code field} when it is too large
     */
    float[] decode(String field, String image, int size) {
        byte[] bytes = bytes(field, image);
        checkHeader(field, bytes);
        try {
            return LibraryInput.check(field, () -> RgbImages.decode(bytes, size));
        }
        catch (UncheckedIOException ex) {
            throw new InvalidRequestException(field, field + " is a damaged image: " + ex.getCause().getMessage());
        }
    }

    byte[] bytes(String field, String image) {
        if (image == null || image.isBlank()) {
            throw new InvalidRequestException(field, field + " is required: a base64 PNG or JPEG, or a data URI");
        }
        String base64 = image;
        Matcher uri = DATA_URI.matcher(image);
        if (uri.find()) {
            String mediaType = uri.group(1).toLowerCase(Locale.ROOT);
            if (!mediaType.equals("image/png") && !mediaType.equals("image/jpeg") && !mediaType.equals("image/jpg")) {
                throw new InvalidRequestException(field, field + " must be image/png or image/jpeg, got a data URI of '"
                        + shorten(mediaType) + "'");
            }
            if (uri.group(2) == null || !uri.group(2).toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new InvalidRequestException(field, field + " must be a base64 data URI (data:image/png;base64,…)");
            }
            base64 = image.substring(uri.end());
        }
        base64 = WHITESPACE.matcher(base64).replaceAll("");
        // Checked on the text, before decoding: base64 holds 3 bytes per 4 characters.
        long decodedAtLeast = base64.length() / 4L * 3 - 2;
        if (decodedAtLeast > maxBytes) {
            throw tooLarge(field);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRequestException(field, field + " is not valid base64: " + ex.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(field);
        }
        return bytes;
    }

    private void checkHeader(String field, byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage(field);
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw notAnImage(field);
                }
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > maxSide || height > maxSide) {
                    throw new LimitExceededException(field, maxSide, field + " is " + width + "×" + height
                            + " pixels; the limit is " + maxSide + " pixels a side");
                }
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException ex) {
            throw new InvalidRequestException(field, field + " is not a readable PNG or JPEG: " + ex.getMessage());
        }
    }

    private LimitExceededException tooLarge(String field) {
        return new LimitExceededException(field, maxBytes, field + " is larger than the limit of " + maxBytes
                + " bytes");
    }

    private static InvalidRequestException notAnImage(String field) {
        return new InvalidRequestException(field, field + " is not a PNG or JPEG image");
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
