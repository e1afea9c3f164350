package io.modomodo.domains.jsonl;

import io.modomodo.domains.Item;
import io.modomodo.domains.ItemImage;
import io.modomodo.domains.Verifiers;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads datasets from JSONL files, one item per line, in either of two formats (detected per line).
 *
 * <p>Our format:
 * <pre>{"id": "q1", "image": "images/q1.png", "problem": "How many circles?", "answer": "3",
 *  "verifier": "number", "params": {"absTol": 0.5}}</pre>
 * {@code image} is a path relative to the file's directory (or to {@link Options#imageRoot()}) or a
 * {@code data:image/...;base64,...} URI; {@code params} is optional; an {@code iou} answer may be an array of
 * four numbers; an optional {@code domain} overrides the dataset's domain for the record.
 *
 * <p>VLM-R1 / open-r1-multimodal format:
 * <pre>{"id": 7, "image": "coco/1.jpg", "conversations": [{"from": "human", "value": "&lt;image&gt;Which colour? A. red B. blue"},
 *  {"from": "gpt", "value": "B"}], "accu_reward_method": "mcq"}</pre>
 * Reward methods map to our verifiers: {@code mcq} → {@code choice}, {@code yes_no} → {@code yes_no},
 * {@code math} → {@code math}, {@code iou} → {@code iou}, {@code default} (or absent) → {@code number} when the
 * answer is a plain number, else {@code math}. {@code <image>} markers are removed from the prompt and an
 * {@code <answer>} wrapper from the answer.
 *
 * <p>Image paths must stay inside the image root: a path that normalises to somewhere else ({@code ../x.png},
 * {@code ../../etc/passwd}, an absolute path outside the root) is a bad line; an absolute path inside the root is
 * accepted. Images must be PNG or JPEG (by their bytes, not their name); other formats are bad lines.
 *
 * <p>A bad line (broken JSON, missing field, image not found, unreadable, outside the root or of another format,
 * unknown verifier, an {@code iou} answer without four numbers, duplicate id) is
 * reported with file and line number: {@link OnBadLine#FAIL} throws {@link DatasetFormatException} at the first
 * one, {@link OnBadLine#SKIP} skips it and lists it in {@link LoadResult#badLines()}. Blank lines are ignored.
 */
public final class JsonlReader {

    /** What to do with a bad line. */
    public enum OnBadLine {
        /** Throw {@link DatasetFormatException} at the first bad line. */
        FAIL,
        /** Skip it, count it and report it in the result. */
        SKIP
    }

    /**
     * Load options.
     *
     * @param onBadLine fail or skip
     * @param imageRoot directory image paths are relative to; null for the file's directory
     * @param domain the domain of the items; null for the file name without extension
     */
    public record Options(OnBadLine onBadLine, Path imageRoot, String domain) {

        /** Checks that the policy is set and the domain, when given, is not blank. */
        public Options {
            Objects.requireNonNull(onBadLine, "onBadLine");
            if (domain != null && domain.isBlank()) {
                throw new IllegalArgumentException("domain must not be blank");
            }
        }

        /** Fail at the first bad line; images relative to the file; domain from the file name. */
        public static Options failFast() {
            return new Options(OnBadLine.FAIL, null, null);
        }

        /** Skip bad lines; images relative to the file; domain from the file name. */
        public static Options skipBadLines() {
            return new Options(OnBadLine.SKIP, null, null);
        }

        /** The same options with another image root. */
        public Options withImageRoot(Path root) {
            return new Options(onBadLine, root, domain);
        }

        /** The same options with another domain. */
        public Options withDomain(String name) {
            return new Options(onBadLine, imageRoot, name);
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Map<String, String> REWARD_METHODS = Map.of(
            "mcq", Verifiers.CHOICE, "yes_no", Verifiers.YES_NO, "math", Verifiers.MATH, "iou", Verifiers.IOU);

    private JsonlReader() {
    }

    /** Reads a file, failing at the first bad line. */
    public static LoadResult read(Path file) throws IOException {
        return read(file, Options.failFast());
    }

    /**
     * Reads a file.
     *
     * @throws DatasetFormatException at the first bad line when the options say FAIL
     * @throws IOException when the file itself cannot be read
     */
    public static LoadResult read(Path file, Options options) throws IOException {
        Path root = (options.imageRoot() != null ? options.imageRoot() : file.toAbsolutePath().getParent())
                .toAbsolutePath().normalize();
        String domain = options.domain() != null ? options.domain() : stem(file);
        List<Item> items = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        Map<Path, ItemImage> images = new HashMap<>();
        // Malformed UTF-8 is replaced, not fatal: the JSON parser or a field check then reports the line.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1); // byte-order mark
                }
                if (text.isBlank()) {
                    continue;
                }
                try {
                    Item item = parse(text, line, file, root, domain, images);
                    Long first = ids.putIfAbsent(item.id(), line);
                    if (first != null) {
                        throw new LineException("duplicate id '" + item.id() + "' (first on line " + first + ")");
                    }
                    items.add(item);
                } catch (LineException e) {
                    BadLine b = new BadLine(file, line, e.getMessage());
                    if (options.onBadLine() == OnBadLine.FAIL) {
                        throw new DatasetFormatException(b);
                    }
                    bad.add(b);
                }
            }
        }
        return new LoadResult(file, domain, items, bad);
    }

    private static Item parse(String text, long line, Path file, Path root, String domain,
                              Map<Path, ItemImage> images) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new LineException("broken JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new LineException("not a JSON object");
        }
        String itemDomain = optionalString(node, "domain", domain);
        if (itemDomain.isBlank()) {
            throw new LineException("field 'domain' must not be blank");
        }
        if (node.has("conversations")) {
            return vlmR1(node, line, file, root, itemDomain, images);
        }
        if (!node.has("answer") && !node.has("verifier") && node.has("solution")) {
            return openR1(node, line, file, root, itemDomain, images);
        }
        if (node.has("accu_reward_method") && !node.has("answer") && !node.has("verifier")) {
            // A VLM-R1 record without its conversation: say so rather than "missing field 'problem'".
            throw new LineException("missing field 'conversations' (a VLM-R1 record, it has 'accu_reward_method')");
        }
        return ours(node, root, itemDomain, images);
    }

    private static Item ours(JsonNode node, Path root, String domain, Map<Path, ItemImage> images) {
        String id = id(node.get("id"), null);
        ItemImage image = image(node.get("image"), root, images);
        String problem = requiredString(node, "problem");
        String verifier = requiredString(node, "verifier");
        if (!Verifiers.isKnown(verifier)) {
            throw new LineException("unknown verifier '" + verifier + "' in field 'verifier'; known: "
                    + new java.util.TreeSet<>(Verifiers.ALL));
        }
        String answer = checkBox(answer(node.get("answer"), verifier), verifier);
        Map<String, Object> params = Map.of();
        JsonNode p = node.get("params");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw new LineException("field 'params' must be an object");
            }
            params = MAPPER.convertValue(p, MAP);
        }
        return new Item(id, domain, image, problem, answer, verifier, params);
    }

    /** open-r1-multimodal: {@code problem} and {@code solution} (with an optional answer wrapper), no verifier. */
    private static Item openR1(JsonNode node, long line, Path file, Path root, String domain,
                               Map<Path, ItemImage> images) {
        String id = id(node.get("id"), stem(file) + ":" + line);
        ItemImage image = image(node.get("image"), root, images);
        String problem = requiredString(node, "problem");
        String answer = unwrapAnswer(requiredString(node, "solution"));
        if (answer.isEmpty()) {
            throw new LineException("empty answer in field 'solution'");
        }
        String verifier = verifierFor(optionalString(node, "accu_reward_method", "default"), answer);
        return new Item(id, domain, image, problem.replace("<image>", "").strip(), checkBox(answer, verifier),
                verifier, Map.of());
    }

    private static String verifierFor(String rewardMethod, String answer) {
        String method = rewardMethod.strip().toLowerCase(Locale.ROOT);
        if (method.equals("default")) {
            return PLAIN_NUMBER.matcher(answer.replace(",", "")).matches() ? Verifiers.NUMBER : Verifiers.MATH;
        }
        String verifier = REWARD_METHODS.get(method);
        if (verifier == null) {
            throw new LineException("unknown verifier: accu_reward_method '" + method + "' (known: default, "
                    + new java.util.TreeSet<>(REWARD_METHODS.keySet()) + ")");
        }
        return verifier;
    }

    private static Item vlmR1(JsonNode node, long line, Path file, Path root, String domain,
                              Map<Path, ItemImage> images) {
        String id = id(node.get("id"), stem(file) + ":" + line);
        JsonNode imageNode = node.get("image");
        if (imageNode != null && imageNode.isArray()) {
            if (imageNode.size() != 1) {
                throw new LineException("field 'image' holds " + imageNode.size()
                        + " images; only single-image records are supported");
            }
            imageNode = imageNode.get(0);
        }
        ItemImage image = image(imageNode, root, images);
        JsonNode conversations = node.get("conversations");
        if (!conversations.isArray()) {
            throw new LineException("field 'conversations' must be an array");
        }
        String human = null;
        String gpt = null;
        for (JsonNode turn : conversations) {
            String from = turn.isObject() ? optionalString(turn, "from", "") : "";
            JsonNode value = turn.isObject() ? turn.get("value") : null;
            if (value == null || !value.isString()) {
                continue;
            }
            if (human == null && (from.equals("human") || from.equals("user"))) {
                human = value.stringValue();
            } else if (human != null && gpt == null && (from.equals("gpt") || from.equals("assistant"))) {
                gpt = value.stringValue();
            }
        }
        if (human == null) {
            throw new LineException("missing field 'conversations' turn from 'human'");
        }
        if (gpt == null) {
            throw new LineException("missing field 'conversations' turn from 'gpt'");
        }
        String prompt = human.replace("<image>", "").strip();
        String answer = unwrapAnswer(gpt);
        if (answer.isEmpty()) {
            throw new LineException("empty answer in the 'gpt' turn of field 'conversations'");
        }
        String verifier = verifierFor(optionalString(node, "accu_reward_method", "default"), answer);
        return new Item(id, domain, image, prompt, checkBox(answer, verifier), verifier, Map.of());
    }

    /**
     * An {@code iou} answer without four numbers can never be matched and would silently score 0 for every
     * response: refuse it here. (The reward-service reads many box forms; all hold at least four numbers.)
     */
    private static String checkBox(String answer, String verifier) {
        if (verifier.equals(Verifiers.IOU)) {
            java.util.regex.Matcher m = NUMBER.matcher(answer.replace("bbox_2d", ""));
            int found = 0;
            while (found < 4 && m.find()) {
                found++;
            }
            if (found < 4) {
                throw new LineException("field 'answer' must hold a box [x1, y1, x2, y2] for verifier 'iou': "
                        + (answer.length() > 80 ? answer.substring(0, 80) + "…" : answer));
            }
        }
        return answer;
    }

    private static String unwrapAnswer(String s) {
        int open = s.lastIndexOf("<answer>");
        int close = s.lastIndexOf("</answer>");
        if (open >= 0 && close > open) {
            return s.substring(open + "<answer>".length(), close).strip();
        }
        return s.strip();
    }

    private static String id(JsonNode node, String fallback) {
        if (node == null || node.isNull()) {
            if (fallback == null) {
                throw new LineException("missing field 'id'");
            }
            return fallback;
        }
        if (node.isString() && !node.stringValue().isBlank()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.asString();
        }
        throw new LineException("field 'id' must be a non-blank string or an integer");
    }

    private static String answer(JsonNode node, String verifier) {
        if (node == null || node.isNull()) {
            throw new LineException("missing field 'answer'");
        }
        if (node.isString()) {
            if (node.stringValue().isBlank()) {
                throw new LineException("field 'answer' is blank");
            }
            return node.stringValue();
        }
        if (node.isNumber()) {
            return node.asString();
        }
        if (node.isArray() && verifier.equals(Verifiers.IOU)) {
            if (node.size() != 4) {
                throw new LineException("field 'answer' must be a box of 4 numbers, has " + node.size());
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < 4; i++) {
                if (!node.get(i).isNumber()) {
                    throw new LineException("field 'answer' must be a box of 4 numbers");
                }
                sb.append(i == 0 ? "" : ",").append(node.get(i).asString());
            }
            return sb.append(']').toString();
        }
        throw new LineException("field 'answer' must be a string" + (verifier.equals(Verifiers.IOU)
                ? " or a box of 4 numbers" : ""));
    }

    private static ItemImage image(JsonNode node, Path root, Map<Path, ItemImage> cache) {
        if (node == null || node.isNull()) {
            throw new LineException("missing field 'image'");
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            throw new LineException("field 'image' must be a path or a data: URI");
        }
        String ref = node.stringValue().strip();
        if (ref.regionMatches(true, 0, "data:", 0, 5)) {
            return dataUri(ref);
        }
        Path path;
        try {
            path = root.resolve(ref).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new LineException("field 'image' is not a valid path: " + ref);
        }
        // A dataset may only name its own images: "../../etc/passwd" or an absolute path elsewhere is refused
        // before the file system is touched. (Symbolic links inside the root are followed as the owner made them.)
        if (!path.startsWith(root)) {
            throw new LineException("field 'image' points outside the image root " + root + ": " + ref);
        }
        ItemImage cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        if (!Files.isRegularFile(path)) {
            throw new LineException("image not found: " + path);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new LineException("image not readable: " + path + " (" + e.getMessage() + ")");
        }
        ItemImage image = probe(bytes, path.toString());
        cache.put(path, image);
        return image;
    }

    private static ItemImage dataUri(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0 || !uri.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new LineException("field 'image' is a data: URI without ';base64,'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(WHITESPACE.matcher(uri.substring(comma + 1)).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new LineException("field 'image' has invalid base64 data");
        }
        return probe(bytes, "data: URI");
    }

    /** Reads the format and size from the header without decoding the pixels. */
    private static ItemImage probe(byte[] bytes, String what) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new LineException("image not readable (unknown format): " + what);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (format.equals("jpg")) {
                    format = "jpeg";
                }
                // The policy and the reward-service take PNG and JPEG only; refuse the rest here, not mid-training.
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw new LineException("image format '" + format + "' is not supported (PNG or JPEG only): "
                            + what);
                }
                String mediaType = "image/" + format;
                return new ItemImage(bytes, w, h, mediaType);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof LineException le) {
                throw le;
            }
            throw new LineException("image not readable: " + what + " (" + e.getMessage() + ")");
        }
    }

    private static String requiredString(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new LineException("missing field '" + field + "'");
        }
        if (!v.isString() || v.stringValue().isBlank()) {
            throw new LineException("field '" + field + "' must be a non-blank string");
        }
        return v.stringValue();
    }

    private static String optionalString(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isString()) {
            throw new LineException("field '" + field + "' must be a string");
        }
        return v.stringValue();
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A problem with one line; becomes a {@link BadLine}. */
    private static final class LineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LineException(String message) {
            super(message, null, false, false);
        }
    }
}
