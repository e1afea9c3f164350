-- A job is one GRPO training run on one mixture. Later migrations add steps, metrics and checkpoints.
CREATE TABLE job (
    id          UUID PRIMARY KEY,
    status      TEXT        NOT NULL,
    spec        JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT job_status_known CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);
CREATE INDEX job_status_idx ON job (status);
