CREATE TABLE probe (
    id    BIGINT PRIMARY KEY,
    label TEXT NOT NULL
);
INSERT INTO probe (id, label) VALUES (1, 'migrated');
