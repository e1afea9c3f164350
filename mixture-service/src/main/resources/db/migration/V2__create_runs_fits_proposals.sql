-- Runs are the evidence of a study: one trained mixture and its outcome. external_id makes posting
-- idempotent (a CI job that retries gets the stored run back); NULLs never collide, so runs posted
-- without one are always new. seq gives a stable insertion order for paging and fitting.
CREATE TABLE run (
    id           UUID PRIMARY KEY,
    seq          BIGSERIAL   NOT NULL UNIQUE,
    study_id     UUID        NOT NULL REFERENCES study (id) ON DELETE CASCADE,
    external_id  TEXT,
    weights      JSONB       NOT NULL,
    scores       JSONB       NOT NULL DEFAULT '{}'::jsonb,
    score        DOUBLE PRECISION NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT run_external_id_unique UNIQUE (study_id, external_id),
    CONSTRAINT run_weights_is_object CHECK (jsonb_typeof(weights) = 'object')
);
CREATE INDEX run_study_seq_idx ON run (study_id, seq);

-- A fit keeps the ids of the runs it saw, so its numbers can always be traced to their evidence.
CREATE TABLE fit (
    id            UUID PRIMARY KEY,
    study_id      UUID        NOT NULL REFERENCES study (id) ON DELETE CASCADE,
    model         TEXT        NOT NULL,
    folds         INTEGER     NOT NULL,
    n             INTEGER     NOT NULL,
    penalty       DOUBLE PRECISION NOT NULL,
    cv_r2         DOUBLE PRECISION NOT NULL,
    cv_rmse       DOUBLE PRECISION NOT NULL,
    cv_spearman   DOUBLE PRECISION NOT NULL,
    coefficients  JSONB       NOT NULL,
    run_ids       JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT fit_run_ids_is_array CHECK (jsonb_typeof(run_ids) = 'array')
);
CREATE INDEX fit_study_created_idx ON fit (study_id, created_at DESC);

-- A proposal set points at the fit behind it and, like the fit, at the runs it came from.
CREATE TABLE proposal (
    id            UUID PRIMARY KEY,
    study_id      UUID        NOT NULL REFERENCES study (id) ON DELETE CASCADE,
    fit_id        UUID        NOT NULL REFERENCES fit (id) ON DELETE CASCADE,
    model         TEXT        NOT NULL,
    strategy      TEXT        NOT NULL,
    proposals     JSONB       NOT NULL,
    run_ids       JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT proposal_run_ids_is_array CHECK (jsonb_typeof(run_ids) = 'array')
);
CREATE INDEX proposal_study_created_idx ON proposal (study_id, created_at DESC);
