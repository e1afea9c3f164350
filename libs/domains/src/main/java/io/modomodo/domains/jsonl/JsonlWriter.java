package io.modomodo.domains.jsonl;

import io.modomodo.domains.Item;
import io.modomodo.domains.suite.WarmStartExample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes items in our JSONL format (see {@link JsonlReader}), so that built-in items can be exported,
 * inspected or used by other tools, and read back unchanged.
 */
public final class JsonlWriter {

    /** Where the images go. */
    public enum ImageMode {
        /** Inline as {@code data:} URIs: one self-contained file. */
        DATA_URI,
        /** As files in a directory {@code <file name>.images/} beside the JSONL file, referenced by relative path. */
        FILES
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JsonlWriter() {
    }

    /** Writes the items, one per line. */
    public static void write(Path file, List<Item> items, ImageMode mode) throws IOException {
        writeLines(file, items, null, mode);
    }

    /** Writes warm-start examples: each item with an extra {@code response} field holding its target. */
    public static void writeWarmStart(Path file, List<WarmStartExample> examples, ImageMode mode) throws IOException {
        writeLines(file, examples.stream().map(WarmStartExample::item).toList(),
                examples.stream().map(WarmStartExample::target).toList(), mode);
    }

    private static void writeLines(Path file, List<Item> items, List<String> responses, ImageMode mode)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String imageDir = file.getFileName() + ".images";
        if (mode == ImageMode.FILES) {
            Files.createDirectories(parent.resolve(imageDir));
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                String image;
                if (mode == ImageMode.DATA_URI) {
                    image = item.image().toDataUri();
                } else {
                    String ext = item.image().mediaType().substring(item.image().mediaType().indexOf('/') + 1);
                    String name = String.format("%06d-%s.%s", i, item.id().replaceAll("[^A-Za-z0-9._-]", "_"), ext);
                    Files.write(parent.resolve(imageDir).resolve(name), item.image().bytes());
                    image = imageDir + "/" + name;
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", item.id());
                line.put("domain", item.domain());
                line.put("image", image);
                line.put("problem", item.prompt());
                line.put("answer", item.answer());
                line.put("verifier", item.verifier());
                line.put("params", item.params());
                if (responses != null) {
                    line.put("response", responses.get(i));
                }
                out.write(MAPPER.writeValueAsString(line));
                out.write('\n');
            }
        }
    }
}
