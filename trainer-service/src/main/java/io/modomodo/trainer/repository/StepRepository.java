package io.modomodo.trainer.repository;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.modomodo.api.trainer.StepMetrics;
import tools.jackson.databind.json.JsonMapper;

/** One metrics record per job step; a resumed job overwrites the steps it repeats. */
@Repository
public class StepRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public StepRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(UUID jobId, StepMetrics metrics) {
        jdbc.update("""
                INSERT INTO job_step (job_id, step, at, metrics) VALUES (?, ?, now(), ?::jsonb)
                ON CONFLICT (job_id, step) DO UPDATE SET at = now(), metrics = EXCLUDED.metrics""", jobId,
                metrics.step(), json.writeValueAsString(metrics));
    }

    public List<StepMetrics> range(UUID jobId, int from, int to) {
        return jdbc.query("SELECT metrics FROM job_step WHERE job_id = ? AND step BETWEEN ? AND ? ORDER BY step",
                (rs, i) -> json.readValue(rs.getString("metrics"), StepMetrics.class), jobId, from, to);
    }
}
