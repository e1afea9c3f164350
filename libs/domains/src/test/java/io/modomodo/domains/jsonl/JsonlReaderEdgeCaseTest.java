package io.modomodo.domains.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modomodo.domains.Item;
import io.modomodo.domains.scene.Colour;
import io.modomodo.domains.scene.Scene;
import io.modomodo.domains.scene.SceneGenerator;
import io.modomodo.domains.scene.SceneRenderer;
import io.modomodo.domains.scene.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderEdgeCaseTest {

    @TempDir
    Path dir;

    private Path data;
    private byte[] png;

    @BeforeEach
    void writeImages() throws IOException {
        Scene scene = SceneGenerator.shapes(new SplittableRandom(1), 48, 40, 2, Colour.PALETTE, Shape.GEOMETRIC);
        png = SceneRenderer.png(scene);
        data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve("images"));
        Files.write(data.resolve("images/a.png"), png);
        Files.write(dir.resolve("outside.png"), png);
    }

    private Path file(String content) throws IOException {
        Path f = data.resolve("set.jsonl");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    private static String ours(String id, String image) {
        return "{\"id\":\"" + id + "\",\"image\":\"" + image + "\",\"problem\":\"How many?\",\"answer\":\"3\","
                + "\"verifier\":\"number\"}";
    }

    private LoadResult skip(String content) throws IOException {
        return JsonlReader.read(file(content), JsonlReader.Options.skipBadLines());
    }

    private String onlyReason(String line) throws IOException {
        LoadResult r = skip(line + "\n");
        assertThat(r.items()).as(line).isEmpty();
        assertThat(r.badLines()).as(line).hasSize(1);
        BadLine b = r.badLines().get(0);
        assertThat(b.line()).isEqualTo(1);
        assertThat(b.toString()).contains("set.jsonl:1:");
        assertThatThrownBy(() -> JsonlReader.read(file(line + "\n"))).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("set.jsonl:1:");
        return b.reason();
    }

    @Test
    void emptyAndBlankFilesGiveNoItemsAndNoBadLines() throws IOException {
        for (String content : new String[] {"", "\n\n  \n\t\n", "\uFEFF", "\uFEFF\r\n\r\n"}) {
            LoadResult r = skip(content);
            assertThat(r.items()).isEmpty();
            assertThat(r.badLines()).isEmpty();
            assertThat(r.dataset().size()).isZero();
        }
    }

    @Test
    void bomCrlfAndVeryLongLinesAreRead() throws IOException {
        String pad = "x".repeat(2_000_000);
        String content = "\uFEFF" + ours("a", "images/a.png") + "\r\n\r\n"
                + "{\"id\":\"b\",\"image\":\"images/a.png\",\"problem\":\"" + pad + "\",\"answer\":\"3\","
                + "\"verifier\":\"number\"}\r\n" + ours("c", "images/a.png");
        LoadResult r = JsonlReader.read(file(content));
        assertThat(r.items()).extracting(Item::id).containsExactly("a", "b", "c");
        assertThat(r.items().get(1).prompt()).hasSize(2_000_000);
    }

    @Test
    void imagePathsOutsideTheImageRootAreBadLines() throws IOException {
        assertThat(onlyReason(ours("a", "../outside.png"))).contains("image").contains("outside");
        assertThat(onlyReason(ours("a", "images/../../outside.png"))).contains("outside");
        assertThat(onlyReason(ours("a", "../../etc/passwd"))).contains("outside");
        String abs = dir.resolve("outside.png").toAbsolutePath().toString().replace("\\", "\\\\");
        assertThat(onlyReason(ours("a", abs))).contains("outside");
        String inside = data.resolve("images/a.png").toAbsolutePath().toString().replace("\\", "\\\\");
        assertThat(JsonlReader.read(file(ours("a", inside))).items()).hasSize(1);
        assertThat(JsonlReader.read(file(ours("a", "images/./a.png"))).items()).hasSize(1);
    }

    @Test
    void badImagesAreBadLines() throws IOException {
        assertThat(onlyReason(ours("a", "data:image/png;base64,@@@"))).contains("base64");
        assertThat(onlyReason(ours("a", "data:image/png;base64,"
                + Base64.getEncoder().encodeToString("not an image".getBytes(StandardCharsets.UTF_8)))))
                .contains("image");
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(img, "gif", gif);
        Files.write(data.resolve("images/x.gif"), gif.toByteArray());
        assertThat(onlyReason(ours("a", "images/x.gif"))).contains("PNG or JPEG");
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", jpg);
        Files.write(data.resolve("images/x.jpg"), jpg.toByteArray());
        Item item = JsonlReader.read(file(ours("a", "images/x.jpg"))).items().get(0);
        assertThat(item.image().mediaType()).isEqualTo("image/jpeg");
        assertThat(onlyReason(ours("a", "images/missing.png"))).contains("not found");
        assertThat(onlyReason(ours("a", "images"))).contains("not found");
    }

    @Test
    void fieldTypeProblemsAreBadLinesNamingTheField() throws IOException {
        String img = "\"image\":\"images/a.png\",\"problem\":\"p\"";
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"1\",\"verifier\":\"number\",\"params\":[1]}"))
                .contains("params");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"1\",\"verifier\":\"number\",\"params\":\"x\"}"))
                .contains("params");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"1\",\"verifier\":\"fuzzy\"}"))
                .contains("verifier").contains("fuzzy");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":[1,2],\"verifier\":\"number\"}"))
                .contains("answer");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":[1,2,3],\"verifier\":\"iou\"}"))
                .contains("answer");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":true,\"verifier\":\"yes_no\"}"))
                .contains("answer");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"1\",\"verifier\":\"number\",\"domain\":\"\"}"))
                .contains("domain");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"1\",\"verifier\":\"number\"} trailing"))
                .isNotBlank();
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"[1,2,3]\",\"verifier\":\"iou\"}"))
                .contains("box");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"{\\\"bbox_2d\\\": [1, 2, 3]}\","
                + "\"verifier\":\"iou\"}")).contains("box");
        assertThat(onlyReason("{\"id\":\"a\"," + img + ",\"answer\":\"the red one\",\"verifier\":\"iou\"}"))
                .contains("box");
        assertThat(onlyReason("{\"id\":1,\"image\":\"images/a.png\",\"conversations\":[{\"from\":\"human\","
                + "\"value\":\"q\"},{\"from\":\"gpt\",\"value\":\"left\"}],\"accu_reward_method\":\"iou\"}"))
                .contains("box");
        LoadResult boxes = skip("{\"id\":\"a\"," + img + ",\"answer\":\"{\\\"bbox_2d\\\": [1, 2, 3.5, 4]}\","
                + "\"verifier\":\"iou\"}\n"
                + "{\"id\":1,\"image\":\"images/a.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},"
                + "{\"from\":\"gpt\",\"value\":\"<answer>[10, 20, 30, 40]</answer>\"}],\"accu_reward_method\":\"iou\"}\n");
        assertThat(boxes.badLines()).isEmpty();
        assertThat(boxes.items()).extracting(Item::answer).containsExactly("{\"bbox_2d\": [1, 2, 3.5, 4]}",
                "[10, 20, 30, 40]");
        assertThat(onlyReason("[1,2]")).contains("object");
        assertThat(onlyReason("{\"id\":\"a\"")).contains("JSON");
        LoadResult numbers = skip("{\"id\":\"a\"," + img + ",\"answer\":3,\"verifier\":\"number\"}\n"
                + "{\"id\":\"b\"," + img + ",\"answer\":[1,2,3.5,4],\"verifier\":\"iou\"}\n");
        assertThat(numbers.items()).extracting(Item::answer).containsExactly("3", "[1,2,3.5,4]");
    }

    @Test
    void refusesABlankDomainOption() {
        assertThatThrownBy(() -> JsonlReader.Options.skipBadLines().withDomain(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain");
    }

    @Test
    void duplicateIdsAreBadLinesNamingTheFirst() throws IOException {
        LoadResult r = skip(ours("a", "images/a.png") + "\n\n" + ours("a", "images/a.png") + "\n");
        assertThat(r.items()).hasSize(1);
        assertThat(r.badLines()).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(3);
            assertThat(b.reason()).contains("duplicate").contains("line 1");
        });
    }

    @Test
    void vlmR1RecordsWithImageMarkersAnywhereAndBadShapes() throws IOException {
        String[] humans = {"<image>What?", "<image>\\nWhat?", "What? <image>", "What?\\n<image>", "What?"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < humans.length; i++) {
            sb.append("{\"id\":").append(i).append(",\"image\":\"images/a.png\",\"conversations\":[{\"from\":\"human\","
                    + "\"value\":\"").append(humans[i]).append("\"},{\"from\":\"gpt\",\"value\":\"<answer> 2 </answer>\"}]}\n");
        }
        LoadResult r = JsonlReader.read(file(sb.toString()));
        for (Item item : r.items()) {
            assertThat(item.prompt()).isEqualTo("What?");
            assertThat(item.answer()).isEqualTo("2");
            assertThat(item.verifier()).isEqualTo("number");
        }
        assertThat(onlyReason("{\"id\":1,\"image\":\"images/a.png\",\"conversations\":null,\"problem\":\"p\"}"))
                .isNotBlank();
        assertThat(onlyReason("{\"id\":1,\"image\":\"images/a.png\",\"conversations\":[]}")).contains("human");
        assertThat(onlyReason("{\"id\":1,\"image\":\"images/a.png\",\"accu_reward_method\":\"mcq\"}"))
                .contains("missing field 'conversations'");
        assertThat(onlyReason("{\"id\":1,\"image\":\"images/a.png\",\"conversations\":[{\"from\":\"human\","
                + "\"value\":\"q\"}]}")).contains("gpt");
        assertThat(onlyReason("{\"id\":1,\"image\":\"images/a.png\",\"conversations\":[{\"from\":\"human\","
                + "\"value\":\"q\"},{\"from\":\"gpt\",\"value\":\"A\"}],\"accu_reward_method\":\"telepathy\"}"))
                .contains("telepathy");
        assertThat(onlyReason("{\"id\":1,\"image\":\"images/a.png\",\"conversations\":[{\"from\":\"human\","
                + "\"value\":\"q\"},{\"from\":\"gpt\",\"value\":\"A\"}],\"accu_reward_method\":3}"))
                .contains("accu_reward_method");
    }

    @Test
    void skipModeCountsEveryBadLineWithItsNumber() throws IOException {
        String good = ours("g", "images/a.png");
        LoadResult r = skip("{\n" + good + "\n\n" + ours("x", "../outside.png") + "\n[]\n" + good + "\n");
        assertThat(r.items()).hasSize(1);
        assertThat(r.skipped()).isEqualTo(4);
        assertThat(r.badLines()).extracting(BadLine::line).containsExactly(1L, 4L, 5L, 6L);
        assertThatThrownBy(() -> JsonlReader.read(r.file())).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("set.jsonl:1:")
                .satisfies(e -> assertThat(((DatasetFormatException) e).badLine().line()).isEqualTo(1));
    }
}
