-- A study is one mixture search over a fixed, ordered set of domains. Later migrations add runs,
-- fits and proposals that hang off it.
CREATE TABLE study (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL,
    domains     JSONB       NOT NULL,
    bounds      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT study_domains_is_array CHECK (jsonb_typeof(domains) = 'array')
);
CREATE INDEX study_created_at_idx ON study (created_at DESC);
