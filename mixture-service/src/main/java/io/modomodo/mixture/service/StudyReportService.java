package io.modomodo.mixture.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.modomodo.api.mixture.ExecutionRequest;
import io.modomodo.api.mixture.ProposedMixture;
import io.modomodo.api.mixture.StudyReportResponse;
import io.modomodo.api.mixture.StudyReportResponse.Comparison;
import io.modomodo.api.mixture.StudyReportResponse.FinalRun;
import io.modomodo.api.mixture.StudyReportResponse.FitQuality;
import io.modomodo.api.mixture.StudyReportResponse.PilotRun;
import io.modomodo.api.trainer.EvaluationResponse;
import io.modomodo.api.trainer.JobOutcome;
import io.modomodo.mixture.domain.ExecutionJobRecord;
import io.modomodo.mixture.domain.ExecutionRecord;
import io.modomodo.mixture.repository.ExecutionRepository;
import tools.jackson.core.type.TypeReference;

/**
 * The report of an execution: what its pilots scored, how well each surrogate cross-validated, what
 * it proposed, and the final comparison paired by seed. Built from what is stored, so it can be read
 * while the execution runs (the parts not reached yet are empty).
 */
@Service
public class StudyReportService {

    static final String BASE = "base";

    private final ExecutionService executions;
    private final ExecutionRepository repository;
    private final JsonCodec json;

    public StudyReportService(ExecutionService executions, ExecutionRepository repository, JsonCodec json) {
        this.executions = executions;
        this.repository = repository;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public StudyReportResponse report(String studyId, String executionId) {
        ExecutionRecord e = executionId == null ? executions.latest(studyId) : executions.require(studyId, executionId);
        ExecutionRequest spec = executions.spec(e);
        List<PilotRun> pilot = new ArrayList<>();
        List<FinalRun> finals = new ArrayList<>();
        for (ExecutionJobRecord job : repository.jobs(e.id())) {
            if (!ExecutionJobRecord.SUCCEEDED.equals(job.status())) {
                continue;
            }
            JobOutcome outcome = json.read(job.outcomeJson(), new TypeReference<JobOutcome>() { });
            Map<String, Double> weights = json.read(job.weightsJson(), ExecutionOrchestrator.WEIGHTS);
            if (!"final".equals(job.phase())) {
                Double score = ExecutionOrchestrator.objective(outcome, spec.objective());
                pilot.add(new PilotRun(job.slot(), job.jobId(), weights, outcome.inScore(), outcome.outScore(),
                        score == null ? Double.NaN : score));
                continue;
            }
            int seed = (int) (job.seed() - spec.training().seed());
            finals.add(new FinalRun(job.arm(), seed, job.jobId(), weights, accuracies(outcome.benchmarks()),
                    outcome.inScore(), outcome.outScore()));
            if ("proposal".equals(job.arm()) && job.baseJson() != null) {
                EvaluationResponse base = json.read(job.baseJson(), new TypeReference<EvaluationResponse>() { });
                finals.add(new FinalRun(BASE, seed, job.jobId(), null, accuracies(base.benchmarks()), base.inScore(),
                        base.outScore()));
            }
        }
        Map<String, FitQuality> fits = json.read(e.fitsJson(), new TypeReference<Map<String, FitQuality>>() { });
        ProposedMixture proposal = e.proposalJson() == null ? null
                : json.read(e.proposalJson(), new TypeReference<ProposedMixture>() { });
        return new StudyReportResponse(e.studyId(), e.id(), e.status(), spec.objective(), e.surrogate(), pilot, fits,
                proposal, finals, comparisons(finals));
    }

    private static Map<String, Double> accuracies(Map<String, io.modomodo.api.trainer.BenchmarkScore> benchmarks) {
        Map<String, Double> out = new TreeMap<>();
        if (benchmarks != null) {
            benchmarks.forEach((name, b) -> out.put(name, b.accuracy()));
        }
        return out;
    }

    /** Proposal minus every other arm, for outScore, inScore and each benchmark, over the seeds both have. */
    static List<Comparison> comparisons(List<FinalRun> finals) {
        Map<String, Map<Integer, FinalRun>> byArm = new LinkedHashMap<>();
        for (FinalRun run : finals) {
            byArm.computeIfAbsent(run.arm(), a -> new TreeMap<>()).put(run.seed(), run);
        }
        Map<Integer, FinalRun> proposal = byArm.get("proposal");
        List<Comparison> out = new ArrayList<>();
        if (proposal == null) {
            return out;
        }
        for (Map.Entry<String, Map<Integer, FinalRun>> arm : byArm.entrySet()) {
            if (arm.getKey().equals("proposal")) {
                continue;
            }
            Set<String> metrics = new LinkedHashSet<>(List.of("outScore", "inScore"));
            proposal.values().forEach(r -> metrics.addAll(r.benchmarks().keySet()));
            for (String metric : metrics) {
                List<Double> differences = new ArrayList<>();
                for (Map.Entry<Integer, FinalRun> p : proposal.entrySet()) {
                    FinalRun other = arm.getValue().get(p.getKey());
                    Double a = metric(p.getValue(), metric);
                    Double b = other == null ? null : metric(other, metric);
                    if (a != null && b != null) {
                        differences.add(a - b);
                    }
                }
                if (!differences.isEmpty()) {
                    PairedDifference d = PairedDifference.of(differences);
                    out.add(new Comparison(arm.getKey(), metric, d.n(), d.mean(), d.low(), d.high(), differences));
                }
            }
        }
        return out;
    }

    private static Double metric(FinalRun run, String metric) {
        return switch (metric) {
            case "outScore" -> run.outScore();
            case "inScore" -> run.inScore();
            default -> run.benchmarks().get(metric);
        };
    }
}
