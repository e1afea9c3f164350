package io.modomodo.rollout.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;

class PromptImagesTest {

    final PromptImages images = new PromptImages(10_000, 64);

    static String encoded(int side, String format) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void decodesBarePngAndDataUrisOfPngAndJpeg() throws IOException {
        float[] bare = images.decode("image", encoded(8, "png"), 8);
        assertThat(bare).hasSize(3 * 8 * 8);
        assertThat(bare[0]).isEqualTo(1f);
        assertThat(images.decode("image", "data:image/png;base64," + encoded(8, "png"), 8)).isEqualTo(bare);
        assertThat(images.decode("image", "data:image/jpeg;base64," + encoded(8, "jpeg"), 4)).hasSize(3 * 4 * 4);
    }

    @Test
    void acceptsLineWrappedBase64() throws IOException {
        String png = encoded(8, "png");
        String wrapped = png.substring(0, 10) + "\n" + png.substring(10);
        assertThat(images.decode("image", wrapped, 8)).hasSize(3 * 8 * 8);
    }

    @Test
    void refusesWhatIsNotAPngOrJpegNamingTheField() throws IOException {
        for (String bad : new String[] { "not base64!", Base64.getEncoder().encodeToString("hello".getBytes()),
                "data:text/plain;base64,aGVsbG8=", "data:image/png,rawbytes", encoded(8, "gif") }) {
            assertThatThrownBy(() -> images.decode("prompts[1].image", bad, 8))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            ex -> assertThat(ex.field()).isEqualTo("prompts[1].image"));
        }
    }

    @Test
    void refusesADamagedPngAsBadInput() throws IOException {
        byte[] png = Base64.getDecoder().decode(encoded(16, "png"));
        byte[] truncated = Arrays.copyOf(png, 45);
        assertThatThrownBy(() -> images.decode("image", Base64.getEncoder().encodeToString(truncated), 8))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void refusesTooManyBytesBeforeDecodingAndTooManyPixelsBeforeReadingThem() throws IOException {
        String big = Base64.getEncoder().encodeToString(new byte[10_001]);
        assertThatThrownBy(() -> images.decode("image", big, 8))
                .isInstanceOfSatisfying(LimitExceededException.class, ex -> assertThat(ex.limit()).isEqualTo(10_000));
        assertThatThrownBy(() -> images.decode("image", encoded(65, "png"), 8))
                .isInstanceOfSatisfying(LimitExceededException.class, ex -> assertThat(ex.limit()).isEqualTo(64));
    }
}
