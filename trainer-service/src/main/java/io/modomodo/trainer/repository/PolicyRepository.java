package io.modomodo.trainer.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.modomodo.api.trainer.WarmStartSpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Base policies: their settings and the state of their warm start. */
@Repository
public class PolicyRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<Double>> LOSSES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public PolicyRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stored policy. */
    public record PolicyRow(String name, String status, long seed, Map<String, Object> config, WarmStartSpec warmStart,
            long parameterCount, List<Double> warmStartLoss, String error, Instant createdAt, Instant updatedAt) {
    }

    /** @return false when the name is taken */
    public boolean insert(String name, long seed, Map<String, Object> config, WarmStartSpec warmStart,
            long parameterCount) {
        try {
            jdbc.update("""
                    INSERT INTO policy (name, status, seed, config, warm_start, parameter_count)
                    VALUES (?, 'CREATING', ?, ?::jsonb, ?::jsonb, ?)""", name, seed, json.writeValueAsString(config),
                    json.writeValueAsString(warmStart), parameterCount);
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    public Optional<PolicyRow> find(String name) {
        return jdbc.query("SELECT * FROM policy WHERE name = ?", this::row, name).stream().findFirst();
    }

    public List<PolicyRow> all() {
        return jdbc.query("SELECT * FROM policy ORDER BY name", this::row);
    }

    public void progress(String name, List<Double> losses) {
        jdbc.update("UPDATE policy SET warm_start_loss = ?::jsonb, updated_at = now() WHERE name = ?",
                json.writeValueAsString(losses), name);
    }

    public void finish(String name, String status, String error) {
        jdbc.update("UPDATE policy SET status = ?, error = ?, updated_at = now() WHERE name = ?", status, error, name);
    }

    /**
     * Marks as FAILED the policies whose warm start stopped reporting progress (the replica building them died):
     * a live warm start writes its loss curve every ten steps.
     */
    public int failStale(java.time.Duration silence) {
        return jdbc.update("""
                UPDATE policy SET status = 'FAILED', updated_at = now(),
                       error = 'the warm start was interrupted (the replica building it stopped); create it again'
                WHERE status = 'CREATING' AND updated_at < now() - ? * interval '1 millisecond'""", silence.toMillis());
    }

    private PolicyRow row(ResultSet rs, int index) throws SQLException {
        return new PolicyRow(rs.getString("name"), rs.getString("status"), rs.getLong("seed"),
                json.readValue(rs.getString("config"), OBJECT), json.readValue(rs.getString("warm_start"),
                        WarmStartSpec.class), rs.getLong("parameter_count"),
                json.readValue(rs.getString("warm_start_loss"), LOSSES), rs.getString("error"),
                JobRepository.instant(rs.getTimestamp("created_at")), JobRepository.instant(rs.getTimestamp("updated_at")));
    }
}
