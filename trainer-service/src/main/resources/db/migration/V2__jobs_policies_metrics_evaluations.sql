-- Base policies: created by a background warm start, version 1 in <root>/policies/<name>.
CREATE TABLE policy (
    name             TEXT PRIMARY KEY,
    status           TEXT        NOT NULL,
    seed             BIGINT      NOT NULL,
    config           JSONB       NOT NULL,
    warm_start       JSONB       NOT NULL,
    parameter_count  BIGINT      NOT NULL DEFAULT 0,
    warm_start_loss  JSONB       NOT NULL DEFAULT '[]',
    error            TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT policy_status_known CHECK (status IN ('CREATING', 'READY', 'FAILED'))
);

-- A job is claimed by one replica at a time: lease_owner holds it until lease_expires_at, renewed while it runs.
ALTER TABLE job
    ADD COLUMN name               TEXT,
    ADD COLUMN external_id        TEXT,
    ADD COLUMN labels             JSONB       NOT NULL DEFAULT '{}',
    ADD COLUMN step               INT         NOT NULL DEFAULT 0,
    ADD COLUMN steps              INT         NOT NULL DEFAULT 0,
    ADD COLUMN detail             TEXT,
    ADD COLUMN error              TEXT,
    ADD COLUMN cancel_requested   BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN lease_owner        TEXT,
    ADD COLUMN lease_expires_at   TIMESTAMPTZ,
    ADD COLUMN claims             INT         NOT NULL DEFAULT 0,
    ADD COLUMN started_at         TIMESTAMPTZ,
    ADD COLUMN finished_at        TIMESTAMPTZ,
    ADD COLUMN checkpoint_version BIGINT,
    ADD COLUMN checkpoint_step    INT,
    ADD COLUMN weights_sha256     TEXT,
    ADD COLUMN outcome            JSONB;
CREATE UNIQUE INDEX job_external_id_idx ON job (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX job_created_idx ON job (created_at DESC);
CREATE INDEX job_labels_idx ON job USING GIN (labels);

-- One row per GRPO step; a resumed job rewrites the steps after its checkpoint with the same values.
CREATE TABLE job_step (
    job_id   UUID        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    step     INT         NOT NULL,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    metrics  JSONB       NOT NULL,
    PRIMARY KEY (job_id, step)
);

CREATE TABLE job_evaluation (
    job_id     UUID        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    step       INT         NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    benchmarks JSONB       NOT NULL,
    in_score   DOUBLE PRECISION NOT NULL,
    out_score  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (job_id, step)
);

-- A base policy version's score on one benchmark, shared by every job that starts from it: a study trains
-- dozens of jobs from one base and would otherwise evaluate it dozens of times.
CREATE TABLE base_evaluation (
    cache_key  TEXT PRIMARY KEY,
    score      JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
