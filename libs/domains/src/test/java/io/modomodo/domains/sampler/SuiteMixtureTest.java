package io.modomodo.domains.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.modomodo.domains.Dataset;
import io.modomodo.domains.Item;
import io.modomodo.domains.jsonl.JsonlReader;
import io.modomodo.domains.jsonl.JsonlWriter;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README example: built-in domains and a JSONL dataset mixed by the sampler, stopped and resumed. */
class SuiteMixtureTest {

    @TempDir
    Path dir;

    @Test
    void mixesBuiltInAndJsonlDatasetsAndResumesWithTheSameItems() throws IOException {
        TaskSuite suite = new TaskSuite(42);
        List<Item> mine = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            mine.add(suite.item("ood-compare", Split.TRAIN, i));
        }
        Path file = dir.resolve("mine.jsonl");
        JsonlWriter.write(file, mine, JsonlWriter.ImageMode.FILES);

        Map<String, Dataset> data = new LinkedHashMap<>(suite.datasets(TaskSuite.TRAINING_DOMAINS, Split.TRAIN, 500));
        data.put("mine", JsonlReader.read(file, JsonlReader.Options.skipBadLines()).dataset());
        SamplerConfig config = SamplerConfig.of(
                Map.of("count", 0.3, "ground", 0.2, "attribute", 0.2, "spatial", 0.1, "arith", 0.1, "mine", 0.1), 10, 7);

        List<String> straight = new ArrayList<>();
        MixtureSampler a = new MixtureSampler(data, config);
        for (int i = 0; i < 8; i++) {
            Batch b = a.next();
            assertThat(b.counts()).containsEntry("count", 3).containsEntry("ground", 2).containsEntry("attribute", 2)
                    .containsEntry("spatial", 1).containsEntry("arith", 1).containsEntry("mine", 1);
            b.items().forEach(it -> straight.add(it.id()));
        }

        List<String> interrupted = new ArrayList<>();
        MixtureSampler b = new MixtureSampler(data, config);
        for (int i = 0; i < 3; i++) {
            b.next().items().forEach(it -> interrupted.add(it.id()));
        }
        MixtureSampler c = MixtureSampler.resume(data, SamplerState.fromJson(b.state().toJson()));
        for (int i = 0; i < 5; i++) {
            c.next().items().forEach(it -> interrupted.add(it.id()));
        }
        assertThat(interrupted).isEqualTo(straight);
        assertThat(c.totalCounts()).containsEntry("mine", 8L).containsEntry("count", 24L);
    }
}
