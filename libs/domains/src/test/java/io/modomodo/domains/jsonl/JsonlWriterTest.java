package io.modomodo.domains.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.modomodo.domains.Item;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import io.modomodo.domains.suite.WarmStartExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonlWriterTest {

    @TempDir
    Path dir;

    private static List<Item> sample() {
        TaskSuite suite = new TaskSuite(9);
        List<Item> items = new ArrayList<>();
        for (String domain : suite.domains()) {
            for (int i = 0; i < 5; i++) {
                items.add(suite.item(domain, Split.TEST, i));
            }
        }
        return items;
    }

    @Test
    void builtInItemsRoundTripThroughBothImageModes() throws IOException {
        List<Item> items = sample();
        for (JsonlWriter.ImageMode mode : JsonlWriter.ImageMode.values()) {
            Path f = dir.resolve(mode + ".jsonl");
            JsonlWriter.write(f, items, mode);
            LoadResult r = JsonlReader.read(f);
            assertThat(r.items()).as(mode.toString()).isEqualTo(items);
        }
        assertThat(Files.list(dir.resolve("FILES.jsonl.images"))).hasSize(items.size());
    }

    @Test
    void warmStartFilesCarryTheTargetResponse() throws IOException {
        List<WarmStartExample> examples = new TaskSuite(1).warmStartSet(TaskSuite.TRAINING_DOMAINS, Split.TRAIN, 2);
        Path f = dir.resolve("warm.jsonl");
        JsonlWriter.writeWarmStart(f, examples, JsonlWriter.ImageMode.DATA_URI);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(examples.size());
        JsonNode first = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(first.get("response").stringValue()).isEqualTo(examples.get(0).target());
        assertThat(JsonlReader.read(f).items()).extracting(Item::id)
                .containsExactlyElementsOf(examples.stream().map(e -> e.item().id()).toList());
    }

    @Test
    void readsOpenR1ProblemSolutionRecords() throws IOException {
        List<Item> items = sample();
        String uri = items.get(0).image().toDataUri();
        Path f = dir.resolve("openr1.jsonl");
        Files.writeString(f, "{\"image\":\"" + uri + "\",\"problem\":\"<image>What is 2+2?\","
                + "\"solution\":\"<answer> 4 </answer>\"}\n"
                + "{\"image\":\"" + uri + "\",\"problem\":\"Simplify\",\"solution\":\"<answer>\\\\sqrt{2}/2</answer>\"}\n");
        LoadResult r = JsonlReader.read(f);
        assertThat(r.items()).extracting(Item::answer).containsExactly("4", "\\sqrt{2}/2");
        assertThat(r.items()).extracting(Item::verifier).containsExactly("number", "math");
        assertThat(r.items().get(0).prompt()).isEqualTo("What is 2+2?");
        assertThat(r.items().get(0).id()).isEqualTo("openr1:1");
    }
}
