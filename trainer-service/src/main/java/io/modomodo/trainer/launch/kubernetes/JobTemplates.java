package io.modomodo.trainer.launch.kubernetes;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * External trainers' Jobs, made from the operator's templates: a batch/v1 Job in YAML whose text holds
 * placeholders, replaced before it is read.
 *
 * <table>
 * <caption>Placeholders</caption>
 * <tr><td>{@code {{job.id}}}, {@code {{job.name}}}</td><td>the job's id, its Job's name</td></tr>
 * <tr><td>{@code {{study}}}</td><td>the study, or empty</td></tr>
 * <tr><td>{@code {{mixture.domains}}}, {@code {{mixture.weights}}}</td><td>comma-separated, in one order
 * (OpenRLHF's {@code --data.prompt_dataset} and {@code --data.prompt_probs})</td></tr>
 * <tr><td>{@code {{mixture.domains:FORMAT}}}</td><td>each domain through FORMAT's {@code %s}, comma-separated
 * ({@code /data/%s.jsonl})</td></tr>
 * <tr><td>{@code {{mixture.json}}}</td><td>the mixture as a JSON object</td></tr>
 * <tr><td>{@code {{steps}}}, {@code {{seed}}}</td><td>the job's</td></tr>
 * <tr><td>{@code {{services.reward}}}, {@code {{services.rollout}}}, {@code {{services.trainer}}}</td>
 * <td>the services' addresses</td></tr>
 * <tr><td>{@code {{outcome.url}}}</td><td>where the external trainer posts its outcome</td></tr>
 * </table>
 *
 * The launcher then names the Job, labels it and its pods as every training Job (so the NetworkPolicies let
 * it reach the reward-service and the trainer-service), and fills backoffLimit, activeDeadlineSeconds and
 * ttlSecondsAfterFinished where the template leaves them out.
 */
public final class JobTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z.]+)(?::([^}]*))?\\s*}}");

    private final KubernetesLauncherProperties properties;
    private final TrainerEndpoints endpoints;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public JobTemplates(KubernetesLauncherProperties properties, TrainerEndpoints endpoints) {
        this.properties = properties;
        this.endpoints = endpoints;
    }

    /** The Job of {@code request}, whose template names one of the configured templates. */
    public Job job(LaunchRequest request) {
        Path file = properties.templates().get(request.template());
        if (file == null) {
            throw new JobTemplateException("no Job template named '" + request.template() + "'; configured: "
                    + new TreeSet<>(properties.templates().keySet()) + " (modomodo.trainer.kubernetes.templates)");
        }
        String text;
        try {
            text = Files.readString(file);
        }
        catch (IOException ex) {
            throw new JobTemplateException("Job template '" + request.template() + "' could not be read from " + file
                    + ": " + ex.getMessage());
        }
        Job job = parse(render(text, request), request.template());
        return adopt(job, request);
    }

    String render(String template, LaunchRequest request) {
        Map<String, String> values = values(request);
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            String format = matcher.group(2);
            String value;
            if (format != null && name.equals("mixture.domains")) {
                List<String> formatted = new ArrayList<>();
                for (String domain : request.mixture().keySet()) {
                    formatted.add(format.replace("%s", domain));
                }
                value = String.join(",", formatted);
            }
            else {
                value = format == null ? values.get(name) : null;
            }
            if (value == null) {
                unknown.add(matcher.group());
                value = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!unknown.isEmpty()) {
            throw new JobTemplateException("Job template '" + request.template() + "' has unknown placeholders "
                    + unknown + "; known: " + new TreeSet<>(values.keySet()) + " and {{mixture.domains:FORMAT}}");
        }
        return out.toString();
    }

    private Map<String, String> values(LaunchRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("job.id", request.jobId().toString());
        values.put("job.name", JobLabels.jobName(request.jobId()));
        values.put("study", request.study() == null ? "" : request.study());
        values.put("mixture.domains", String.join(",", request.mixture().keySet()));
        List<String> weights = new ArrayList<>();
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Double> entry : request.mixture().entrySet()) {
            String weight = BigDecimal.valueOf(entry.getValue()).stripTrailingZeros().toPlainString();
            weights.add(weight);
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(entry.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(weight);
        }
        values.put("mixture.weights", String.join(",", weights));
        values.put("mixture.json", json.append('}').toString());
        values.put("steps", Integer.toString(request.steps()));
        values.put("seed", Long.toString(request.seed()));
        values.put("services.reward", trimSlash(endpoints.reward().toString()));
        values.put("services.rollout", trimSlash(endpoints.rollout().toString()));
        values.put("services.trainer", trimSlash(properties.selfUrl()));
        values.put("outcome.url", trimSlash(properties.selfUrl()) + "/api/v1/jobs/" + request.jobId() + "/outcome");
        return values;
    }

    private Job parse(String yaml, String template) {
        Object parsed;
        try {
            parsed = serialization.unmarshal(yaml);
        }
        catch (RuntimeException ex) {
            throw new JobTemplateException("Job template '" + template + "' is not a Kubernetes object in YAML: "
                    + ex.getMessage());
        }
        if (!(parsed instanceof Job job)) {
            throw new JobTemplateException("Job template '" + template + "' must hold one batch/v1 Job, not "
                    + (parsed == null ? "nothing" : parsed.getClass().getSimpleName()));
        }
        if (job.getSpec() == null || job.getSpec().getTemplate() == null || job.getSpec().getTemplate().getSpec() == null) {
            throw new JobTemplateException("Job template '" + template + "' has no spec.template.spec");
        }
        return job;
    }

    private Job adopt(Job job, LaunchRequest request) {
        Map<String, String> labels = JobLabels.labels(request);
        ObjectMeta metadata = job.getMetadata() == null ? new ObjectMeta() : job.getMetadata();
        metadata.setName(JobLabels.jobName(request.jobId()));
        metadata.setNamespace(null);
        metadata.setLabels(merged(metadata.getLabels(), labels));
        metadata.setAnnotations(merged(metadata.getAnnotations(), JobLabels.annotations(request)));
        job.setMetadata(metadata);

        PodTemplateSpec pod = job.getSpec().getTemplate();
        ObjectMeta podMetadata = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
        podMetadata.setLabels(merged(podMetadata.getLabels(), labels));
        pod.setMetadata(podMetadata);
        if (pod.getSpec().getServiceAccountName() == null) {
            pod.getSpec().setServiceAccountName(properties.serviceAccountName());
        }
        if (pod.getSpec().getAutomountServiceAccountToken() == null) {
            pod.getSpec().setAutomountServiceAccountToken(false);
        }
        if (job.getSpec().getBackoffLimit() == null) {
            job.getSpec().setBackoffLimit(properties.backoffLimit());
        }
        if (job.getSpec().getActiveDeadlineSeconds() == null) {
            job.getSpec().setActiveDeadlineSeconds(properties.activeDeadlineSeconds());
        }
        if (job.getSpec().getTtlSecondsAfterFinished() == null) {
            job.getSpec().setTtlSecondsAfterFinished(properties.ttlSecondsAfterFinished());
        }
        return job;
    }

    private static Map<String, String> merged(Map<String, String> theirs, Map<String, String> ours) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (theirs != null) {
            merged.putAll(theirs);
        }
        merged.putAll(ours);
        return merged;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
