package io.modomodo.mixture.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import io.modomodo.mixture.domain.ExecutionJobRecord;
import io.modomodo.mixture.domain.ExecutionRecord;

/**
 * Executions and their job slots in plain JDBC: the orchestrator's writes are conditional updates
 * (a lease, a status that must still be the expected one), which JPA would only hide.
 */
@Repository
public class ExecutionRepository {

    private static final RowMapper<ExecutionRecord> EXECUTION = ExecutionRepository::execution;
    private static final RowMapper<ExecutionJobRecord> JOB = ExecutionRepository::job;

    private final JdbcTemplate jdbc;

    public ExecutionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ExecutionRecord e) {
        jdbc.update("""
                INSERT INTO execution (id, study_id, status, phase, detail, spec, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", e.id(), e.studyId(), e.status(), e.phase(), e.detail(),
                e.specJson(), ts(e.createdAt()), ts(e.updatedAt()));
    }

    public void insertJobs(List<ExecutionJobRecord> jobs) {
        for (ExecutionJobRecord j : jobs) {
            jdbc.update("""
                    INSERT INTO execution_job (execution_id, slot, seq, phase, arm, seed, weights, attempt, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (execution_id, slot) DO NOTHING""", j.executionId(), j.slot(), j.seq(), j.phase(),
                    j.arm(), j.seed(), j.weightsJson(), j.attempt(), j.status());
        }
    }

    public Optional<ExecutionRecord> find(UUID studyId, UUID id) {
        return jdbc.query("SELECT * FROM execution WHERE study_id = ? AND id = ?", EXECUTION, studyId, id).stream()
                .findFirst();
    }

    public Optional<ExecutionRecord> find(UUID id) {
        return jdbc.query("SELECT * FROM execution WHERE id = ?", EXECUTION, id).stream().findFirst();
    }

    public List<ExecutionRecord> byStudy(UUID studyId) {
        return jdbc.query("SELECT * FROM execution WHERE study_id = ? ORDER BY created_at DESC, id", EXECUTION,
                studyId);
    }

    public List<ExecutionJobRecord> jobs(UUID executionId) {
        return jdbc.query("SELECT * FROM execution_job WHERE execution_id = ? ORDER BY seq", JOB, executionId);
    }

    /** Executions that need a pass: running ones, and stopped ones with jobs still to cancel on the trainer. */
    public List<UUID> needingWork() {
        return jdbc.queryForList("""
                SELECT e.id FROM execution e WHERE e.status = 'RUNNING'
                   OR EXISTS (SELECT 1 FROM execution_job j WHERE j.execution_id = e.id AND j.status = 'SUBMITTED')
                ORDER BY e.created_at""", UUID.class);
    }

    /**
     * Takes or renews the lease on an execution for {@code owner}: only when nobody holds it, this owner
     * does, or the holder let it run out. The database clock decides, so replicas' clocks need not agree.
     */
    public boolean claim(UUID id, String owner, Duration lease) {
        return jdbc.update("""
                UPDATE execution SET lease_owner = ?, lease_until = now() + make_interval(secs => ?)
                WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < now())""",
                owner, lease.toMillis() / 1000.0, id, owner) == 1;
    }

    public void releaseAll(String owner) {
        jdbc.update("UPDATE execution SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", owner);
    }

    /** @return whether the detail changed */
    public boolean detail(UUID id, String detail) {
        return 1 == jdbc.update("UPDATE execution SET detail = ?, updated_at = now() WHERE id = ? AND detail IS DISTINCT FROM ?",
                detail, id, detail);
    }

    /** Moves a running execution to its next phase; false when it is no longer running. */
    public boolean advance(UUID id, String phase, String surrogate, String fitsJson, UUID proposalId,
            String proposalJson) {
        return jdbc.update("""
                UPDATE execution SET phase = ?, surrogate = ?, fits = ?::jsonb, proposal_id = ?, proposal = ?::jsonb,
                       detail = NULL, updated_at = now()
                WHERE id = ? AND status = 'RUNNING'""", phase, surrogate, fitsJson, proposalId, proposalJson, id) == 1;
    }

    /** Ends a running execution; false when it had ended already (a cancel won the race, say). */
    public boolean finish(UUID id, String status, String phase, String error, String detail) {
        return jdbc.update("""
                UPDATE execution SET status = ?, phase = COALESCE(?, phase), error = ?, detail = ?, updated_at = now(),
                       finished_at = now()
                WHERE id = ? AND status = 'RUNNING'""", status, phase, error, detail, id) == 1;
    }

    /** The jobs not yet handed to the trainer will never be. */
    public void dropPlanned(UUID id) {
        jdbc.update("UPDATE execution_job SET status = 'CANCELLED' WHERE execution_id = ? AND status = 'PLANNED'", id);
    }

    public String status(UUID id) {
        return jdbc.queryForObject("SELECT status FROM execution WHERE id = ?", String.class, id);
    }

    /**
     * Records the trainer's job id. A slot a cancel dropped meanwhile becomes SUBMITTED too, so the
     * next pass cancels the job on the trainer instead of leaving it running unseen.
     */
    public void submitted(UUID executionId, String slot, int attempt, UUID jobId) {
        jdbc.update("""
                UPDATE execution_job SET status = 'SUBMITTED', job_id = ?, submitted_at = COALESCE(submitted_at, now())
                WHERE execution_id = ? AND slot = ? AND attempt = ? AND status IN ('PLANNED', 'CANCELLED')""",
                jobId, executionId, slot, attempt);
    }

    public void succeeded(UUID executionId, String slot, int attempt, String outcomeJson, String baseJson,
            UUID runId, Instant finishedAt) {
        jdbc.update("""
                UPDATE execution_job SET status = 'SUCCEEDED', outcome = ?::jsonb, base = ?::jsonb, run_id = ?,
                       finished_at = ?
                WHERE execution_id = ? AND slot = ? AND attempt = ? AND status = 'SUBMITTED'""",
                outcomeJson, baseJson, runId, ts(finishedAt), executionId, slot, attempt);
    }

    /** A failed attempt comes back as a new planned attempt; the failure is kept as its error. */
    public void retry(UUID executionId, String slot, int attempt, String error) {
        jdbc.update("""
                UPDATE execution_job SET status = 'PLANNED', attempt = attempt + 1, job_id = NULL, error = ?,
                       submitted_at = NULL
                WHERE execution_id = ? AND slot = ? AND attempt = ? AND status IN ('SUBMITTED', 'PLANNED')""",
                error, executionId, slot, attempt);
    }

    public void ended(UUID executionId, String slot, int attempt, String status, String error) {
        jdbc.update("""
                UPDATE execution_job SET status = ?, error = COALESCE(?, error), finished_at = now()
                WHERE execution_id = ? AND slot = ? AND attempt = ?""", status, error, executionId, slot, attempt);
    }

    private static ExecutionRecord execution(ResultSet rs, int row) throws SQLException {
        return new ExecutionRecord(rs.getObject("id", UUID.class), rs.getObject("study_id", UUID.class),
                rs.getString("status"), rs.getString("phase"), rs.getString("detail"), rs.getString("spec"),
                rs.getString("error"), rs.getString("surrogate"), rs.getString("fits"),
                rs.getObject("proposal_id", UUID.class), rs.getString("proposal"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "finished_at"));
    }

    private static ExecutionJobRecord job(ResultSet rs, int row) throws SQLException {
        return new ExecutionJobRecord(rs.getObject("execution_id", UUID.class), rs.getString("slot"),
                rs.getInt("seq"), rs.getString("phase"), rs.getString("arm"), rs.getLong("seed"),
                rs.getString("weights"), rs.getInt("attempt"), rs.getString("status"),
                rs.getObject("job_id", UUID.class), rs.getString("outcome"), rs.getString("base"),
                rs.getObject("run_id", UUID.class), rs.getString("error"), instant(rs, "submitted_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
