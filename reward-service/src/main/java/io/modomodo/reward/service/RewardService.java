package io.modomodo.reward.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.reward.OpenRlhfRequest;
import io.modomodo.api.reward.OpenRlhfResponse;
import io.modomodo.api.reward.RewardWeights;
import io.modomodo.api.reward.ScoreItem;
import io.modomodo.api.reward.ScoreRequest;
import io.modomodo.api.reward.ScoreResponse;
import io.modomodo.api.reward.ScoreResult;
import io.modomodo.api.reward.VerifiersResponse;
import io.modomodo.api.reward.VerifiersResponse.ParamInfo;
import io.modomodo.api.reward.VerifiersResponse.VerifierInfo;
import io.modomodo.reward.config.RewardProperties;
import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.RewardScorer;
import io.modomodo.rewards.Score;
import io.modomodo.rewards.Template;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.VerifierParam;
import io.modomodo.rewards.VerifierRegistry;
import io.modomodo.rewards.Weights;

/**
 * Validates a whole batch first (every gold answer read, every limit checked), then scores it: a bad
 * item refuses the request and nothing of it is scored. Stateless; safe for any number of threads.
 */
@Service
public class RewardService {

    private final VerifierRegistry registry;
    private final RewardProperties.Limits limits;
    private final RewardMetrics metrics;
    private final OpenRlhfLabels labels;

    public RewardService(VerifierRegistry registry, RewardProperties properties, MeterRegistry meters,
            OpenRlhfLabels labels) {
        this.registry = registry;
        this.limits = properties.limits();
        this.metrics = new RewardMetrics(meters, registry.names());
        this.labels = labels;
    }

    /** Scores a batch; results come in item order. */
    public ScoreResponse score(ScoreRequest request) {
        Timer.Sample sample = Timer.start();
        Template template = template(request.template(), "template");
        Weights weights = weights(request.weights());
        List<ScoreItem> items = request.items();
        if (items == null) {
            throw new InvalidRequestException("items", "items is required");
        }
        checkCount(items.size(), "items");
        Prepared[] prepared = new Prepared[items.size()];
        Map<GoldKey, GoldAnswer> golds = new HashMap<>();
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = prepare(items.get(i), i, golds);
        }
        Score[] scores = scoreAll(template, weights, prepared, "score");
        List<ScoreResult> results = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            Score s = scores[i];
            results.add(new ScoreResult(prepared[i].id, s.reward(), s.format(), s.accuracy(), s.extracted()));
        }
        sample.stop(metrics.batchTimer("score"));
        return new ScoreResponse(results);
    }

    /**
     * OpenRLHF's remote reward protocol: the response is the query without its prompt and without
     * trailing end-of-sequence markers; a label is a plain gold answer for {@code verifier}, or an
     * object naming its own verifier.
     */
    public OpenRlhfResponse openRlhf(String verifier, String templateName, OpenRlhfRequest request) {
        Timer.Sample sample = Timer.start();
        Template template = template(templateName, "template");
        if (verifier != null && registry.find(verifier).isEmpty()) {
            throw new InvalidRequestException("verifier", "Unknown verifier '" + abbreviate(verifier)
                    + "'; known: " + registry.names());
        }
        List<String> queries = request.query();
        if (queries == null) {
            throw new InvalidRequestException("query", "query is required");
        }
        checkCount(queries.size(), "query");
        List<String> prompts = request.prompts();
        if (prompts != null && prompts.size() != queries.size()) {
            throw new InvalidRequestException("prompts", "prompts must be as long as query (" + queries.size() + ")");
        }
        List<Object> golds = request.labels() == null && queries.isEmpty() ? List.of() : request.labels();
        if (golds == null || golds.size() != queries.size()) {
            throw new InvalidRequestException("labels", "labels must be as long as query (" + queries.size() + ")");
        }
        Prepared[] prepared = new Prepared[queries.size()];
        Map<GoldKey, GoldAnswer> goldCache = new HashMap<>();
        for (int i = 0; i < prepared.length; i++) {
            String query = queries.get(i);
            At queryAt = new At("query", i);
            if (query == null) {
                throw new InvalidRequestException(queryAt.name(""), queryAt.name("") + " must be a string");
            }
            String response = OpenRlhfLabels.response(query, prompts == null ? null : prompts.get(i));
            checkResponseSize(response, queryAt, "");
            OpenRlhfLabels.Label label = labels.read(golds.get(i), i);
            At labelAt = new At("labels", i);
            Verifier v = label.verifier() != null ? verifier(label.verifier(), labelAt, ".verifier")
                    : verifier(verifier, null, "verifier");
            prepared[i] = new Prepared(null, metrics.verifierIndex(v.name()),
                    gold(v, label.answer(), label.params(), labelAt, label.object() ? ".answer" : "", goldCache),
                    response);
        }
        Score[] scores = scoreAll(template, Weights.DEFAULT, prepared, "openrlhf");
        List<Double> rewards = new ArrayList<>(scores.length);
        List<Double> normalized = new ArrayList<>(scores.length);
        List<Double> formats = new ArrayList<>(scores.length);
        List<Double> accuracies = new ArrayList<>(scores.length);
        for (Score s : scores) {
            rewards.add(s.reward());
            normalized.add(s.normalized(Weights.DEFAULT));
            formats.add(s.format());
            accuracies.add(s.accuracy());
        }
        Map<String, List<Double>> extraLogs = new LinkedHashMap<>();
        extraLogs.put("format", formats);
        extraLogs.put("accuracy", accuracies);
        sample.stop(metrics.batchTimer("openrlhf"));
        return new OpenRlhfResponse(rewards, normalized, extraLogs);
    }

    /** The verifier catalogue with parameter defaults. */
    public VerifiersResponse verifiers() {
        List<VerifierInfo> infos = new ArrayList<>();
        for (Verifier v : registry.all()) {
            Map<String, ParamInfo> params = new LinkedHashMap<>();
            for (VerifierParam p : v.params()) {
                params.put(p.name(), new ParamInfo(p.type(), p.defaultValue(), p.description()));
            }
            infos.add(new VerifierInfo(v.name(), v.description(), params));
        }
        return new VerifiersResponse(infos, Arrays.stream(Template.values()).map(Template::id).toList());
    }

    private record Prepared(String id, int verifier, GoldAnswer gold, String response) {
    }

    /** Where a value sits in the request; its name is built only when an error reports it. */
    private record At(String list, int index) {
        String name(String suffix) {
            return list + "[" + index + "]" + suffix;
        }
    }

    private Prepared prepare(ScoreItem item, int i, Map<GoldKey, GoldAnswer> golds) {
        At at = new At("items", i);
        if (item == null) {
            throw new InvalidRequestException(at.name(""), at.name("") + " must be an object");
        }
        if (item.id() == null || item.id().isBlank()) {
            throw new InvalidRequestException(at.name(".id"), at.name(".id") + " is required");
        }
        if (item.response() == null) {
            throw new InvalidRequestException(at.name(".response"), at.name(".response") + " is required");
        }
        checkResponseSize(item.response(), at, ".response");
        Verifier v = verifier(item.verifier(), at, ".verifier");
        GoldAnswer gold = gold(v, item.answer(), item.params(), at, ".answer", golds);
        return new Prepared(item.id(), metrics.verifierIndex(v.name()), gold, item.response());
    }

    private Score[] scoreAll(Template template, Weights weights, Prepared[] prepared, String endpoint) {
        int[][] outcomes = new int[metrics.verifierCount()][RewardMetrics.OUTCOMES.length];
        int[][] failures = new int[metrics.verifierCount()][RewardMetrics.FAILURES.length];
        Score[] scores = new Score[prepared.length];
        for (int i = 0; i < prepared.length; i++) {
            Prepared p = prepared[i];
            Score s = RewardScorer.score(template, weights, p.gold, p.response);
            scores[i] = s;
            int outcome;
            if (s.extracted() == null) {
                outcome = RewardMetrics.UNREADABLE;
                failures[p.verifier][1]++;
            }
            else if (s.accuracy() >= 1.0) {
                outcome = RewardMetrics.CORRECT;
            }
            else {
                outcome = s.accuracy() > 0.0 ? RewardMetrics.PARTIAL : RewardMetrics.INCORRECT;
            }
            outcomes[p.verifier][outcome]++;
            if (p.response.indexOf("</answer>") < 0 && p.response.indexOf("\\boxed") < 0) {
                failures[p.verifier][0]++;
            }
        }
        metrics.record(endpoint, prepared.length, outcomes, failures);
        return scores;
    }

    /** The named verifier; {@code at} null means a top-level field named {@code suffix}. */
    private Verifier verifier(String name, At at, String suffix) {
        Verifier v = name == null ? null : registry.find(name).orElse(null);
        if (v == null) {
            String field = at == null ? suffix : at.name(suffix);
            throw new InvalidRequestException(field, name == null ? field + " is required"
                    : field + ": unknown verifier '" + abbreviate(name) + "'; known: " + registry.names());
        }
        return v;
    }

    /** A gold answer as the request states it: same verifier, answer and params read the same. */
    private record GoldKey(String verifier, Object answer, Map<String, ?> params) {
    }

    /**
     * Reads a gold answer once per request: a GRPO batch sends each prompt's gold with every one of
     * its G completions, and a {@link GoldAnswer} is immutable, so the G items share one.
     */
    private static GoldAnswer gold(Verifier v, Object answer, Map<String, ?> params, At at, String answerSuffix,
            Map<GoldKey, GoldAnswer> golds) {
        GoldKey key = new GoldKey(v.name(), answer, params);
        GoldAnswer known = golds.get(key);
        if (known != null) {
            return known;
        }
        GoldAnswer gold = gold(v, answer, params, at, answerSuffix);
        golds.put(key, gold);
        return gold;
    }

    private static GoldAnswer gold(Verifier v, Object answer, Map<String, ?> params, At at, String answerSuffix) {
        try {
            return v.prepare(answer, params);
        }
        catch (VerifierInputException ex) {
            String field = at.name("answer".equals(ex.field()) ? answerSuffix : "." + ex.field());
            throw new InvalidRequestException(field, field + ": " + ex.getMessage());
        }
    }

    private static Template template(String name, String field) {
        if (name == null) {
            return Template.THINK_ANSWER;
        }
        return Template.fromId(name).orElseThrow(() -> new InvalidRequestException(field,
                "Unknown template '" + abbreviate(name) + "'; known: think-answer, answer, none"));
    }

    private static Weights weights(RewardWeights weights) {
        if (weights == null) {
            return Weights.DEFAULT;
        }
        if (!weights.unknown().isEmpty()) {
            String field = "weights." + abbreviate(weights.unknown().keySet().iterator().next());
            throw new InvalidRequestException(field,
                    field + " is not a reward component; the components are format and accuracy");
        }
        double format = weight(weights.format(), "weights.format");
        double accuracy = weight(weights.accuracy(), "weights.accuracy");
        return new Weights(format, accuracy);
    }

    private static double weight(Double value, String field) {
        if (value == null) {
            return 1.0;
        }
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new InvalidRequestException(field, field + " must be a finite number >= 0");
        }
        return value;
    }

    private void checkCount(int count, String field) {
        if (count > limits.maxItems()) {
            throw new LimitExceededException(field, limits.maxItems(),
                    field + " has " + count + " entries; at most " + limits.maxItems() + " per request");
        }
    }

    private void checkResponseSize(String response, At at, String suffix) {
        int max = limits.maxResponseBytes();
        if ((long) response.length() * 3 > max && utf8Length(response) > max) {
            String field = at.name(suffix);
            throw new LimitExceededException(field, max, field + " is longer than " + max + " bytes (UTF-8)");
        }
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            }
            else if (c < 0x800) {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
