package io.modomodo.mixture.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.modomodo.api.mixture.ExecutionRequest;
import io.modomodo.api.mixture.FinalSpec;
import io.modomodo.api.mixture.JobTemplate;
import io.modomodo.api.mixture.PilotSpec;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.api.rollout.SamplingParams;
import io.modomodo.api.trainer.CheckpointSpec;
import io.modomodo.api.trainer.EvalSpec;
import io.modomodo.mixture.config.ExecutionProperties;
import io.modomodo.mixture.config.MixtureProperties;
import io.modomodo.mixtures.design.MixtureDesigner;
import io.modomodo.mixtures.surrogate.SurrogateModel;

/**
 * Turns an execution request into a complete spec (preset, then defaults, for every absent field),
 * refusing what cannot run, and designs its pilot mixtures. Pure decisions: nothing here calls the
 * trainer or writes.
 */
@Component
class ExecutionPlanner {

    static final String SEEDS = "seeds";
    static final String SPACE_FILLING = "space-filling";
    static final String UNIFORM = "uniform";
    static final List<String> SURROGATES = List.of("quadratic", "linear", "auto");

    /**
     * A preset: the spec it fills in, and how many space-filling pilots it adds beyond what the
     * surrogate needs (so cross validation has some slack).
     */
    record Preset(ExecutionRequest spec, int extraPilots) {
    }

    /**
     * smoke: every phase once on tiny jobs (results meaningless). quick: the paper's pilot (seed family
     * plus space-filling) and a quadratic, proposal vs uniform over 3 seeds; 6 minutes of training on 2 cores
     * for a 3-domain study (docs/study.md). paper: more pilots, steps and evaluation items, one explore
     * round; 30 minutes for five domains.
     */
    static final Map<String, Preset> PRESETS = Map.of(
            "smoke", new Preset(new ExecutionRequest("smoke", new PilotSpec(List.of(SEEDS, SPACE_FILLING), null),
                    template(2, 2, 2, 24, 2), "outScore", "quadratic", 1, 1, 2, new FinalSpec(1, List.of(UNIFORM))),
                    0),
            "quick", new Preset(new ExecutionRequest("quick", new PilotSpec(List.of(SEEDS, SPACE_FILLING), null),
                    template(12, 8, 4, 32, 16), "outScore", "quadratic", 0, 2, 2, new FinalSpec(3, List.of(UNIFORM))),
                    2),
            "paper", new Preset(new ExecutionRequest("paper", new PilotSpec(List.of(SEEDS, SPACE_FILLING), null),
                    template(30, 8, 4, 48, 32), "outScore", "quadratic", 1, 3, 2, new FinalSpec(3, List.of(UNIFORM))),
                    5));

    private static final Preset NONE = new Preset(new ExecutionRequest(null, new PilotSpec(List.of(SEEDS,
            SPACE_FILLING), null), new JobTemplate(null, null, null, null, null, null, null, null, null, null, 0L,
            null, null), "outScore", "auto", 0, 2, null, new FinalSpec(3, List.of(UNIFORM))), 0);

    private final ExecutionProperties executions;
    private final MixtureProperties mixtures;

    ExecutionPlanner(ExecutionProperties executions, MixtureProperties mixtures) {
        this.executions = executions;
        this.mixtures = mixtures;
    }

    private static JobTemplate template(int steps, int prompts, int group, int maxNewTokens, int evalItems) {
        return new JobTemplate(null, null, steps, prompts, group, new SamplingParams(null, null, maxNewTokens, null,
                null), null, null, new EvalSpec(steps, null, evalItems, null), new CheckpointSpec(steps, 1), 0L, null, null);
    }

    /** The request with every field filled in, or a 400 naming the first bad field. */
    ExecutionRequest resolve(Study study, ExecutionRequest request) {
        Preset preset = NONE;
        if (request.preset() != null) {
            preset = Optional.ofNullable(PRESETS.get(request.preset())).orElseThrow(() -> new InvalidRequestException(
                    "preset", "unknown preset '" + request.preset() + "': use smoke, quick or paper"));
        }
        ExecutionRequest p = preset.spec();
        String objective = or(request.objective(), p.objective());
        if (objective.isBlank()) {
            throw new InvalidRequestException("objective", "objective must be outScore, inScore or a benchmark name");
        }
        String surrogate = or(request.surrogate(), p.surrogate());
        if (!SURROGATES.contains(surrogate)) {
            throw new InvalidRequestException("surrogate", "unknown surrogate '" + surrogate
                    + "': use quadratic, linear or auto");
        }
        int rounds = or(request.rounds(), p.rounds());
        if (rounds < 0 || rounds > 20) {
            throw new InvalidRequestException("rounds", "rounds must be between 0 and 20");
        }
        int perRound = or(request.perRound(), p.perRound());
        if (perRound < 1 || perRound > mixtures.limits().maxProposals()) {
            throw new InvalidRequestException("perRound", "perRound must be between 1 and "
                    + mixtures.limits().maxProposals());
        }
        int parallel = or(request.parallelJobs(), or(p.parallelJobs(), executions.parallelJobs()));
        if (parallel < 1) {
            throw new InvalidRequestException("parallelJobs", "parallelJobs must be at least 1");
        }
        FinalSpec fin = request.finalRound() == null ? p.finalRound() : request.finalRound();
        int seeds = or(fin.seeds(), p.finalRound().seeds());
        if (seeds < 1) {
            throw new InvalidRequestException("final.seeds", "final.seeds must be at least 1");
        }
        List<String> baselines = or(fin.baselines(), p.finalRound().baselines());
        for (int i = 0; i < baselines.size(); i++) {
            if (!UNIFORM.equals(baselines.get(i))) {
                throw new InvalidRequestException("final.baselines[" + i + "]", "unknown baseline '" + baselines.get(i)
                        + "': use uniform");
            }
        }
        baselines = List.copyOf(new java.util.LinkedHashSet<>(baselines));

        PilotSpec pilot = request.pilot() == null ? p.pilot() : request.pilot();
        List<String> families = or(pilot.families(), p.pilot().families());
        if (families.isEmpty()) {
            throw new InvalidRequestException("pilot.families", "pilot.families needs seeds and/or space-filling");
        }
        for (int i = 0; i < families.size(); i++) {
            if (!SEEDS.equals(families.get(i)) && !SPACE_FILLING.equals(families.get(i))) {
                throw new InvalidRequestException("pilot.families[" + i + "]", "unknown family '" + families.get(i)
                        + "': use seeds or space-filling");
            }
        }
        int m = study.dimension();
        int needed = model(surrogate).parameterCount(m);
        int seedFamily = m > 2 ? 2 * m + 1 : m + 1;
        int count = pilot.count() != null ? pilot.count()
                : Math.max(families.contains(SEEDS) ? seedFamily : 0, needed) + preset.extraPilots();
        if (count < needed) {
            throw new InvalidRequestException("pilot.count", "a " + model(surrogate).apiName() + " surrogate over " + m
                    + " domains needs at least " + needed + " pilot runs, got " + count);
        }
        if (count > mixtures.limits().maxDesignCount()) {
            throw new LimitExceededException("pilot.count", mixtures.limits().maxDesignCount(),
                    "pilot.count is at most " + mixtures.limits().maxDesignCount());
        }
        if (!families.contains(SPACE_FILLING) && count > seedFamily) {
            throw new InvalidRequestException("pilot.count", "the seed family over " + m + " domains has "
                    + seedFamily + " mixtures, fewer than " + count + ": add space-filling to pilot.families");
        }
        long jobs = (long) count + (long) rounds * perRound + (long) seeds * (1 + baselines.size());
        if (jobs > executions.maxJobs()) {
            throw new LimitExceededException("pilot.count", executions.maxJobs(), "the execution would train " + jobs
                    + " jobs; at most " + executions.maxJobs() + " (pilot.count + rounds × perRound + final.seeds × "
                    + "(1 + baselines))");
        }
        JobTemplate training = merge(request.training(), p.training());
        return new ExecutionRequest(request.preset(), new PilotSpec(List.copyOf(families), count), training, objective,
                surrogate, rounds, perRound, parallel, new FinalSpec(seeds, baselines));
    }

    /** The pilot mixtures, in the order of the families. */
    List<double[]> pilots(Study study, ExecutionRequest spec) {
        MixtureDesigner designer = new MixtureDesigner(study.simplexBounds());
        int count = spec.pilot().count();
        List<double[]> out = new ArrayList<>();
        for (String family : spec.pilot().families()) {
            if (out.size() >= count) {
                break;
            }
            if (SEEDS.equals(family)) {
                out.addAll(designer.seeds(count - out.size(), List.copyOf(out)));
            }
            else {
                out.addAll(designer.spaceFilling(count - out.size(), spec.training().seed(), List.copyOf(out)));
            }
        }
        return out;
    }

    /** Jobs still to plan after {@code phase}: the remaining explore rounds and the final. */
    static int jobsAfter(ExecutionRequest spec, String phase) {
        int round = phase.startsWith("explore-") ? Integer.parseInt(phase.substring("explore-".length())) : 0;
        int fin = spec.finalRound().seeds() * (1 + spec.finalRound().baselines().size());
        return switch (phase) {
            case "final", "done" -> 0;
            default -> (spec.rounds() - round) * spec.perRound() + fin;
        };
    }

    static SurrogateModel model(String surrogate) {
        return "linear".equals(surrogate) ? SurrogateModel.LINEAR : SurrogateModel.QUADRATIC;
    }

    Map<String, Double> uniform(Study study) {
        Map<String, Double> w = new LinkedHashMap<>();
        double[] centre = new double[study.dimension()];
        java.util.Arrays.fill(centre, 1.0 / study.dimension());
        double[] projected = study.simplexBounds().project(centre);
        for (int i = 0; i < projected.length; i++) {
            w.put(study.domains().get(i), projected[i]);
        }
        return w;
    }

    String policy(JobTemplate template) {
        PolicyRef ref = template.policy();
        return ref == null || ref.name() == null || ref.name().isBlank() ? executions.defaultPolicy() : ref.name();
    }

    private JobTemplate merge(JobTemplate r, JobTemplate p) {
        if (r == null) {
            r = new JobTemplate(null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        PolicyRef policy = r.policy() != null && r.policy().name() != null ? r.policy()
                : new PolicyRef(executions.defaultPolicy(), r.policy() == null ? null : r.policy().version());
        if (policy.name().isBlank()) {
            throw new InvalidRequestException("training.policy.name", "training.policy.name must not be blank");
        }
        Long seed = or(r.seed(), or(p.seed(), 0L));
        return new JobTemplate(policy, or(r.datasets(), p.datasets()), or(r.steps(), p.steps()),
                or(r.promptsPerStep(), p.promptsPerStep()), or(r.groupSize(), p.groupSize()),
                or(r.sampling(), p.sampling()), or(r.grpo(), p.grpo()), or(r.rewardWeights(), p.rewardWeights()),
                or(r.eval(), p.eval()), or(r.checkpoint(), p.checkpoint()), seed, or(r.labels(), p.labels()),
                or(r.rolloutMode(), p.rolloutMode()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
