package io.modomodo.trainer.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.modomodo.api.trainer.BenchmarkScore;
import io.modomodo.api.trainer.EvaluationResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Evaluations of jobs, and the shared cache of base-policy scores. */
@Repository
public class EvaluationRepository {

    private static final TypeReference<Map<String, BenchmarkScore>> SCORES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public EvaluationRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(UUID jobId, EvaluationResponse evaluation) {
        jdbc.update("""
                INSERT INTO job_evaluation (job_id, step, at, benchmarks, in_score, out_score)
                VALUES (?, ?, now(), ?::jsonb, ?, ?)
                ON CONFLICT (job_id, step) DO UPDATE SET at = now(), benchmarks = EXCLUDED.benchmarks,
                    in_score = EXCLUDED.in_score, out_score = EXCLUDED.out_score""", jobId, evaluation.step(),
                json.writeValueAsString(evaluation.benchmarks()), evaluation.inScore(), evaluation.outScore());
    }

    public List<EvaluationResponse> list(UUID jobId) {
        return jdbc.query("SELECT * FROM job_evaluation WHERE job_id = ? ORDER BY step",
                (rs, i) -> new EvaluationResponse(rs.getInt("step"), rs.getTimestamp("at").toInstant(),
                        json.readValue(rs.getString("benchmarks"), SCORES), rs.getDouble("in_score"),
                        rs.getDouble("out_score")), jobId);
    }

    public Optional<BenchmarkScore> cached(String key) {
        return jdbc.query("SELECT score FROM base_evaluation WHERE cache_key = ?",
                (rs, i) -> json.readValue(rs.getString("score"), BenchmarkScore.class), key).stream().findFirst();
    }

    public void cache(String key, BenchmarkScore score) {
        jdbc.update("INSERT INTO base_evaluation (cache_key, score) VALUES (?, ?::jsonb) ON CONFLICT DO NOTHING", key,
                json.writeValueAsString(score));
    }
}
