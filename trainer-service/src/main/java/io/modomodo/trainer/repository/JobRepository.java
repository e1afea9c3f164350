package io.modomodo.trainer.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.JobOutcome;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs in PostgreSQL. Every write a runner makes names its lease owner, so a replica that lost its lease
 * (it stalled past the lease and another replica took the job over) changes nothing any more.
 */
@Repository
public class JobRepository {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RowMapper<JobRow> mapper;

    public JobRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = this::row;
    }

    /**
     * Inserts a QUEUED job; when its external id is taken, returns the job holding it instead.
     *
     * @return the job and whether it was created now
     */
    public Created insert(UUID id, CreateJobRequest spec) {
        try {
            jdbc.update("""
                    INSERT INTO job (id, status, spec, name, external_id, labels, steps)
                    VALUES (?, 'QUEUED', ?::jsonb, ?, ?, ?::jsonb, ?)""", id, json.writeValueAsString(spec), spec.name(),
                    spec.externalId(), json.writeValueAsString(spec.labels() == null ? Map.of() : spec.labels()),
                    spec.steps());
            return new Created(find(id).orElseThrow(), true);
        }
        catch (DuplicateKeyException ex) {
            if (spec.externalId() == null) {
                throw ex;
            }
            return new Created(findByExternalId(spec.externalId()).orElseThrow(() -> ex), false);
        }
    }

    public record Created(JobRow job, boolean created) {
    }

    public Optional<JobRow> find(UUID id) {
        return jdbc.query("SELECT * FROM job WHERE id = ?", mapper, id).stream().findFirst();
    }

    public Optional<JobRow> findByExternalId(String externalId) {
        return jdbc.query("SELECT * FROM job WHERE external_id = ?", mapper, externalId).stream().findFirst();
    }

    /** A page, newest first, filtered by status and by one label {@code key=value} when given. */
    public List<JobRow> page(String status, String labelKey, String labelValue, int page, int size) {
        Filter filter = filter(status, labelKey, labelValue);
        List<Object> args = new ArrayList<>(filter.args());
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("SELECT * FROM job" + filter.where() + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                mapper, args.toArray());
    }

    public long count(String status, String labelKey, String labelValue) {
        Filter filter = filter(status, labelKey, labelValue);
        return jdbc.queryForObject("SELECT count(*) FROM job" + filter.where(), Long.class, filter.args().toArray());
    }

    private Filter filter(String status, String labelKey, String labelValue) {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (status != null) {
            clauses.add("status = ?");
            args.add(status);
        }
        if (labelKey != null) {
            clauses.add("labels @> ?::jsonb");
            args.add(json.writeValueAsString(Map.of(labelKey, labelValue)));
        }
        return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), args);
    }

    private record Filter(String where, List<Object> args) {
    }

    /** Counts by status, for the jobs gauge. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        JobStatus.ALL.forEach(s -> counts.put(s, 0L));
        jdbc.query("SELECT status, count(*) AS n FROM job GROUP BY status",
                (ResultSet rs) -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    /**
     * Asks a job to stop. A queued job (or a running one whose runner is gone) is cancelled at once; a running
     * one stops at its next step boundary.
     */
    public Optional<JobRow> requestCancel(UUID id) {
        jdbc.update("""
                UPDATE job SET cancel_requested = true,
                       status = CASE WHEN status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < now())
                                     THEN 'CANCELLED' ELSE status END,
                       finished_at = CASE WHEN status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < now())
                                     THEN now() ELSE finished_at END,
                       detail = CASE WHEN status = 'RUNNING' AND lease_expires_at >= now()
                                     THEN 'cancelling at the next step boundary' ELSE detail END,
                       updated_at = now()
                WHERE id = ? AND status IN ('QUEUED', 'RUNNING')""", id);
        return find(id);
    }

    /**
     * Claims the oldest job that is queued or whose lease expired, for {@code owner}; rows another replica is
     * claiming at this moment are skipped, not waited for.
     */
    public Optional<UUID> claimNext(String owner, Duration lease) {
        return jdbc.query("""
                UPDATE job SET status = 'RUNNING', lease_owner = ?, lease_expires_at = now() + ? * interval '1 millisecond',
                       claims = claims + 1, started_at = coalesce(started_at, now()), updated_at = now(),
                       detail = 'starting'
                WHERE id = (SELECT id FROM job
                            WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < now())
                            ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id""", (rs, i) -> rs.getObject("id", UUID.class), owner, lease.toMillis())
                .stream().findFirst();
    }

    /** Claims one given job if it is queued or its lease expired. */
    public boolean claim(UUID id, String owner, Duration lease) {
        return jdbc.update("""
                UPDATE job SET status = 'RUNNING', lease_owner = ?, lease_expires_at = now() + ? * interval '1 millisecond',
                       claims = claims + 1, started_at = coalesce(started_at, now()), updated_at = now(),
                       detail = 'starting'
                WHERE id = (SELECT id FROM job WHERE id = ?
                              AND (status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < now()))
                            FOR UPDATE SKIP LOCKED)""", owner, lease.toMillis(), id) == 1;
    }

    /** Extends the lease; false when this owner no longer holds the job. */
    public boolean renew(UUID id, String owner, Duration lease) {
        return jdbc.update("""
                UPDATE job SET lease_expires_at = now() + ? * interval '1 millisecond'
                WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'""", lease.toMillis(), id, owner) == 1;
    }

    /** Whether a stop was asked for; false also when the lease was lost (the caller then checks {@link #holds}). */
    public boolean cancelRequested(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT cancel_requested FROM job WHERE id = ?",
                Boolean.class, id));
    }

    public boolean holds(UUID id, String owner) {
        return jdbc.queryForObject("SELECT count(*) FROM job WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'",
                Integer.class, id, owner) == 1;
    }

    public boolean progress(UUID id, String owner, int step, String detail) {
        return jdbc.update("UPDATE job SET step = ?, detail = ?, updated_at = now() WHERE id = ? AND lease_owner = ?"
                + " AND status = 'RUNNING'", step, detail, id, owner) == 1;
    }

    public boolean detail(UUID id, String owner, String detail) {
        return jdbc.update("UPDATE job SET detail = ?, updated_at = now() WHERE id = ? AND lease_owner = ?"
                + " AND status = 'RUNNING'", detail, id, owner) == 1;
    }

    public boolean checkpoint(UUID id, String owner, long version, int step, String weightsSha256) {
        return jdbc.update("""
                UPDATE job SET checkpoint_version = ?, checkpoint_step = ?, weights_sha256 = ?, updated_at = now()
                WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'""", version, step, weightsSha256, id,
                owner) == 1;
    }

    /** Ends a job this owner holds; its lease is released. */
    public boolean finish(UUID id, String owner, String status, String error, JobOutcome outcome) {
        return jdbc.update("""
                UPDATE job SET status = ?, error = ?, outcome = ?::jsonb, detail = NULL, finished_at = now(),
                       updated_at = now(), lease_expires_at = NULL
                WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'""", status, error,
                outcome == null ? null : json.writeValueAsString(outcome), id, owner) == 1;
    }

    /** Gives a job back to the queue (this replica is shutting down): another replica resumes it at once. */
    public void release(UUID id, String owner) {
        jdbc.update("""
                UPDATE job SET lease_expires_at = now() - interval '1 millisecond', detail = 'released by ' || ?,
                       updated_at = now()
                WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'""", owner, id, owner);
    }

    private JobRow row(ResultSet rs, int index) throws SQLException {
        String outcome = rs.getString("outcome");
        long checkpointVersion = rs.getLong("checkpoint_version");
        boolean hasCheckpoint = !rs.wasNull();
        return new JobRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("external_id"),
                rs.getString("status"), rs.getString("detail"), rs.getInt("step"), rs.getInt("steps"),
                json.readValue(rs.getString("spec"), CreateJobRequest.class), json.readValue(rs.getString("labels"), LABELS),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), instant(rs.getTimestamp("updated_at")), rs.getString("error"),
                rs.getBoolean("cancel_requested"), rs.getString("lease_owner"), rs.getInt("claims"),
                hasCheckpoint ? checkpointVersion : null, hasCheckpoint ? rs.getInt("checkpoint_step") : null,
                rs.getString("weights_sha256"), outcome == null ? null : json.readValue(outcome, JobOutcome.class));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
