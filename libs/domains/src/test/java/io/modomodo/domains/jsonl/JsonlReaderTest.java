package io.modomodo.domains.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modomodo.domains.Item;
import io.modomodo.domains.Verifiers;
import io.modomodo.domains.scene.Colour;
import io.modomodo.domains.scene.Scene;
import io.modomodo.domains.scene.SceneGenerator;
import io.modomodo.domains.scene.SceneRenderer;
import io.modomodo.domains.scene.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {

    @TempDir
    Path dir;

    private byte[] png;

    @BeforeEach
    void writeImages() throws IOException {
        Scene scene = SceneGenerator.shapes(new SplittableRandom(1), 48, 40, 2, Colour.PALETTE, Shape.GEOMETRIC);
        png = SceneRenderer.png(scene);
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/a.png"), png);
    }

    private Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsOurFormatWithPathsDataUrisBoxesAndParams() throws IOException {
        String dataUri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        Path f = file("shapes.jsonl",
                "{\"id\":\"q1\",\"image\":\"images/a.png\",\"problem\":\"How many circles?\",\"answer\":\"3\","
                        + "\"verifier\":\"number\",\"params\":{\"absTol\":0.5}}",
                "",
                "{\"id\":2,\"image\":\"" + dataUri + "\",\"problem\":\"Box of the red square?\","
                        + "\"answer\":[1,2,30.5,40],\"verifier\":\"iou\",\"params\":{\"imageSize\":[48,40]}}",
                "{\"id\":\"q3\",\"image\":\"images/a.png\",\"problem\":\"Colour?\",\"answer\":\"B\",\"verifier\":\"choice\","
                        + "\"domain\":\"colours\"}");
        LoadResult r = JsonlReader.read(f);
        assertThat(r.skipped()).isZero();
        assertThat(r.domain()).isEqualTo("shapes");
        List<Item> items = r.items();
        assertThat(items).hasSize(3);
        Item q1 = items.get(0);
        assertThat(q1.id()).isEqualTo("q1");
        assertThat(q1.domain()).isEqualTo("shapes");
        assertThat(q1.image().bytes()).isEqualTo(png);
        assertThat(q1.image().width()).isEqualTo(48);
        assertThat(q1.image().height()).isEqualTo(40);
        assertThat(q1.image().mediaType()).isEqualTo("image/png");
        assertThat(q1.prompt()).isEqualTo("How many circles?");
        assertThat(q1.params()).containsEntry("absTol", 0.5);
        Item q2 = items.get(1);
        assertThat(q2.id()).isEqualTo("2");
        assertThat(q2.answer()).isEqualTo("[1,2,30.5,40]");
        assertThat(q2.image().bytes()).isEqualTo(png);
        assertThat(q2.params()).containsEntry("imageSize", List.of(48, 40));
        assertThat(items.get(2).domain()).isEqualTo("colours");
        assertThat(r.dataset().size()).isEqualTo(3);
    }

    @Test
    void readsVlmR1RecordsAndMapsTheirRewardMethods() throws IOException {
        Path f = file("vlm.jsonl",
                rec("1", "\"images/a.png\"", "<image>Which colour? A. red B. blue", "<answer> B </answer>", "mcq"),
                rec("2", "[\"images/a.png\"]", "<image>\\nIs it red?", "Yes", "yes_no"),
                rec("3", "\"images/a.png\"", "<image>Area?", "\\\\frac{1}{2}", "math"),
                rec("4", "\"images/a.png\"", "<image>How many?", "1,200", "default"),
                rec("5", "\"images/a.png\"", "<image>Solve", "x^2+1", "default"),
                rec("6", "\"images/a.png\"", "<image>Box?", "[1,2,3,4]", "iou"),
                "{\"image\":\"images/a.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>Count\"},"
                        + "{\"from\":\"gpt\",\"value\":\"7\"}]}");
        List<Item> items = JsonlReader.read(f).items();
        assertThat(items).extracting(Item::verifier).containsExactly(Verifiers.CHOICE, Verifiers.YES_NO,
                Verifiers.MATH, Verifiers.NUMBER, Verifiers.MATH, Verifiers.IOU, Verifiers.NUMBER);
        assertThat(items.get(0).prompt()).isEqualTo("Which colour? A. red B. blue");
        assertThat(items.get(0).answer()).isEqualTo("B");
        assertThat(items.get(1).prompt()).isEqualTo("Is it red?");
        assertThat(items.get(2).answer()).isEqualTo("\\frac{1}{2}");
        assertThat(items.get(6).id()).isEqualTo("vlm:7");
        assertThat(items.get(6).answer()).isEqualTo("7");
        assertThat(items).allSatisfy(i -> assertThat(i.image().width()).isEqualTo(48));
    }

    private static String rec(String id, String image, String human, String gpt, String method) {
        return "{\"id\":\"" + id + "\",\"image\":" + image + ",\"conversations\":[{\"from\":\"human\",\"value\":\""
                + human + "\"},{\"from\":\"gpt\",\"value\":\"" + gpt + "\"}],\"accu_reward_method\":\"" + method + "\"}";
    }

    private Path mixedFile() throws IOException {
        return file("mixed.jsonl",
                "{\"id\":\"ok1\",\"image\":\"images/a.png\",\"problem\":\"p\",\"answer\":\"1\",\"verifier\":\"number\"}",
                "{\"id\":\"broken\",\"image\":",
                "{\"id\":\"nop\",\"image\":\"images/a.png\",\"answer\":\"1\",\"verifier\":\"number\"}",
                "{\"id\":\"img\",\"image\":\"images/missing.png\",\"problem\":\"p\",\"answer\":\"1\",\"verifier\":\"number\"}",
                "{\"id\":\"ver\",\"image\":\"images/a.png\",\"problem\":\"p\",\"answer\":\"1\",\"verifier\":\"fuzzy\"}",
                rec("map", "\"images/a.png\"", "<image>Detect", "x", "map"),
                "{\"id\":\"ok1\",\"image\":\"images/a.png\",\"problem\":\"p\",\"answer\":\"2\",\"verifier\":\"number\"}",
                "[1,2]",
                "{\"id\":\"ok2\",\"image\":\"images/a.png\",\"problem\":\"p\",\"answer\":\"yes\",\"verifier\":\"yes_no\"}");
    }

    @Test
    void skipsBadLinesCountingAndNamingEachWithItsLineNumber() throws IOException {
        Path f = mixedFile();
        LoadResult r = JsonlReader.read(f, JsonlReader.Options.skipBadLines());
        assertThat(r.items()).extracting(Item::id).containsExactly("ok1", "ok2");
        assertThat(r.skipped()).isEqualTo(7);
        assertThat(r.badLines()).extracting(BadLine::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(r.badLines()).allSatisfy(b -> assertThat(b.file()).isEqualTo(f));
        List<String> reasons = r.badLines().stream().map(BadLine::reason).toList();
        assertThat(reasons.get(0)).startsWith("broken JSON");
        assertThat(reasons.get(1)).isEqualTo("missing field 'problem'");
        assertThat(reasons.get(2)).startsWith("image not found").contains("missing.png");
        assertThat(reasons.get(3)).startsWith("unknown verifier 'fuzzy'");
        assertThat(reasons.get(4)).startsWith("unknown verifier").contains("'map'");
        assertThat(reasons.get(5)).isEqualTo("duplicate id 'ok1' (first on line 1)");
        assertThat(reasons.get(6)).isEqualTo("not a JSON object");
        assertThat(r.badLines().get(1).toString()).isEqualTo(f + ":3: missing field 'problem'");
    }

    @Test
    void toleratesAByteOrderMarkAndWindowsLineEnds() throws IOException {
        Path f = dir.resolve("bom.jsonl");
        Files.writeString(f, "\uFEFF{\"id\":\"a\",\"image\":\"images/a.png\",\"problem\":\"p\",\"answer\":\"1\","
                + "\"verifier\":\"number\"}\r\n\r\n{\"id\":\"b\",\"image\":\"images/a.png\",\"problem\":\"p\","
                + "\"answer\":\"2\",\"verifier\":\"number\"}\r\n", StandardCharsets.UTF_8);
        assertThat(JsonlReader.read(f).items()).extracting(Item::answer).containsExactly("1", "2");
    }

    @Test
    void failsAtTheFirstBadLineWhenAskedTo() throws IOException {
        Path f = mixedFile();
        assertThatThrownBy(() -> JsonlReader.read(f))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(f + ":2: broken JSON")
                .satisfies(e -> assertThat(((DatasetFormatException) e).badLine().line()).isEqualTo(2));
    }

    @Test
    void resolvesImagesAgainstAGivenRootAndDomain() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path f = data.resolve("set.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"image\":\"a.png\",\"problem\":\"p\",\"answer\":\"no\",\"verifier\":\"yes_no\"}\n");
        assertThatThrownBy(() -> JsonlReader.read(f)).hasMessageContaining("image not found");
        LoadResult r = JsonlReader.read(f, JsonlReader.Options.failFast().withImageRoot(dir.resolve("images"))
                .withDomain("custom"));
        assertThat(r.items()).singleElement().satisfies(i -> {
            assertThat(i.domain()).isEqualTo("custom");
            assertThat(i.image().bytes()).isEqualTo(png);
        });
    }

    @Test
    void reportsUnreadableImagesAndBadDataUris() throws IOException {
        Files.writeString(dir.resolve("images/text.png"), "not an image");
        Path f = file("bad.jsonl",
                "{\"id\":\"a\",\"image\":\"images/text.png\",\"problem\":\"p\",\"answer\":\"1\",\"verifier\":\"number\"}",
                "{\"id\":\"b\",\"image\":\"data:image/png;base64,@@@\",\"problem\":\"p\",\"answer\":\"1\",\"verifier\":\"number\"}",
                "{\"id\":\"c\",\"image\":\"images/a.png\",\"problem\":\"p\",\"answer\":[1,2],\"verifier\":\"iou\"}",
                "{\"id\":\"d\",\"image\":\"images/a.png\",\"problem\":\"p\",\"answer\":\"1\",\"verifier\":\"number\",\"params\":[1]}");
        LoadResult r = JsonlReader.read(f, JsonlReader.Options.skipBadLines());
        assertThat(r.items()).isEmpty();
        assertThat(r.badLines()).extracting(BadLine::reason).satisfiesExactly(
                a -> assertThat(a).startsWith("image not readable"),
                b -> assertThat(b).contains("invalid base64"),
                c -> assertThat(c).contains("box of 4 numbers"),
                d -> assertThat(d).isEqualTo("field 'params' must be an object"));
        assertThat(Map.of("n", r.skipped())).containsEntry("n", 4);
    }
}
