package io.modomodo.trainer.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.modomodo.policy.model.VisionLanguagePolicy;

/**
 * SHA-256 of a policy's weights alone: each parameter's name and little-endian float32 values, in the model's
 * fixed parameter order. Unlike a checkpoint's file sums it ignores metadata, timestamps and the optimizer, so two
 * runs that reached the same weights report the same digest.
 */
public final class WeightsDigest {

    private WeightsDigest() {
    }

    public static String of(VisionLanguagePolicy policy) {
        return of(policy.values());
    }

    public static String of(Map<String, float[]> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            values.forEach((name, data) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                ByteBuffer buffer = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(data);
                digest.update(buffer.array());
            });
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
