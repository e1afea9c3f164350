package io.modomodo.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class RgbImagesTest {

    private static byte[] png(int width, int height, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x == 0 && y == 0 ? 0x000000 : rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void decodesPngToChannelMajorFloatsInTheUnitRange() throws IOException {
        float[] chw = RgbImages.decode(png(4, 4, 0xFF8000), 4);
        assertThat(chw).hasSize(48);
        assertThat(chw[0]).as("pixel (0,0) is black").isZero();
        assertThat(chw[1]).as("red plane").isEqualTo(1f);
        assertThat(chw[16 + 1]).as("green plane").isCloseTo(128 / 255f, within(1e-6f));
        assertThat(chw[32 + 1]).as("blue plane").isZero();
    }

    @Test
    void resizesToTheModelSize() throws IOException {
        float[] chw = RgbImages.decode(png(32, 20, 0x00FF00), 8);
        assertThat(chw).hasSize(3 * 64);
        assertThat(chw[64 + 63]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void rejectsBytesThatAreNoImage() {
        assertThatIllegalArgumentException().isThrownBy(() -> RgbImages.decode(new byte[] {1, 2, 3}, 8))
                .withMessageContaining("not a PNG");
    }
}
