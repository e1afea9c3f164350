package io.modomodo.mixture.repository;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.modomodo.mixture.domain.RunEntity;

/**
 * Inserts runs with {@code ON CONFLICT (study_id, external_id) DO NOTHING}: a retried or concurrent
 * post with the same external id cannot create a second row, and the database, not a prior read,
 * decides which post won. Plain JDBC because JPA has no portable upsert.
 */
@Repository
public class RunWriter {

    private static final String INSERT = """
            INSERT INTO run (id, study_id, external_id, weights, scores, score, created_at)
            VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
            ON CONFLICT (study_id, external_id) DO NOTHING
            """;

    private final JdbcTemplate jdbc;

    public RunWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the run was inserted, false when its external id was already taken */
    public boolean insertIfAbsent(RunEntity run) {
        int rows = jdbc.update(INSERT, ps -> {
            ps.setObject(1, run.getId());
            ps.setObject(2, run.getStudyId());
            if (run.getExternalId() == null) {
                ps.setNull(3, Types.VARCHAR);
            }
            else {
                ps.setString(3, run.getExternalId());
            }
            ps.setString(4, run.getWeightsJson());
            ps.setString(5, run.getScoresJson());
            ps.setDouble(6, run.getScore());
            ps.setObject(7, OffsetDateTime.ofInstant(run.getCreatedAt(), ZoneOffset.UTC));
        });
        return rows == 1;
    }
}
