-- A managed execution drives a study on the trainer-service. Its whole state is here, so a restarted
-- (or second) mixture-service carries on: lease_owner/lease_until say which replica drives it now.
CREATE TABLE execution (
    id            UUID PRIMARY KEY,
    study_id      UUID        NOT NULL REFERENCES study (id) ON DELETE CASCADE,
    status        TEXT        NOT NULL,
    phase         TEXT        NOT NULL,
    detail        TEXT,
    spec          JSONB       NOT NULL,
    error         TEXT,
    surrogate     TEXT,
    fits          JSONB       NOT NULL DEFAULT '{}'::jsonb,
    proposal_id   UUID,
    proposal      JSONB,
    lease_owner   TEXT,
    lease_until   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ,
    CONSTRAINT execution_status_known CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);
CREATE INDEX execution_study_created_idx ON execution (study_id, created_at DESC);
CREATE INDEX execution_active_idx ON execution (status) WHERE status = 'RUNNING';

-- One slot per job the execution trains (pilot-03, explore-1-00, final-proposal-s0, …). The trainer's
-- externalId is derived from (execution, slot, attempt), so submitting again after a crash returns the
-- job already created instead of a second one.
CREATE TABLE execution_job (
    execution_id  UUID        NOT NULL REFERENCES execution (id) ON DELETE CASCADE,
    slot          TEXT        NOT NULL,
    seq           INTEGER     NOT NULL,
    phase         TEXT        NOT NULL,
    arm           TEXT        NOT NULL,
    seed          BIGINT      NOT NULL,
    weights       JSONB       NOT NULL,
    attempt       INTEGER     NOT NULL DEFAULT 1,
    status        TEXT        NOT NULL,
    job_id        UUID,
    outcome       JSONB,
    base          JSONB,
    run_id        UUID,
    error         TEXT,
    submitted_at  TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    PRIMARY KEY (execution_id, slot),
    CONSTRAINT execution_job_status_known
        CHECK (status IN ('PLANNED', 'SUBMITTED', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);
