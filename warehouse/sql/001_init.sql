-- Initial schema: documents, facts, pipeline runs, data-quality results and quarantine.
--
-- Timestamps are UTC without a time zone: the ICU extension that DuckDB needs for
-- TIMESTAMPTZ arithmetic is not always installable offline, and plain TIMESTAMP reads
-- the same in every client.

CREATE TABLE documents (
    doc_id       VARCHAR PRIMARY KEY,
    source       VARCHAR,
    title        VARCHAR,
    language     VARCHAR,
    published    DATE,
    char_count   INTEGER,
    text         VARCHAR,             -- the text fact offsets (start, end) point into
    raw_text     VARCHAR,             -- as read, before boilerplate removal
    boilerplate  VARCHAR,             -- JSON [[start, end], ...]: non-article spans of text
    metadata     VARCHAR,             -- JSON object: whatever else the reader knew
    first_run_id VARCHAR NOT NULL,    -- the run that first loaded the text; never updated
    loaded_at    TIMESTAMP NOT NULL
);

-- One row per metric fact (FACTS.md). alt_values is a list column rather than a
-- child table so that a fact is one row to compare, update or delete.
CREATE TABLE facts (
    fact_id      VARCHAR PRIMARY KEY,
    doc_id       VARCHAR NOT NULL REFERENCES documents (doc_id),
    language     VARCHAR NOT NULL,
    sentence     INTEGER NOT NULL,
    "start"      INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    surface      VARCHAR NOT NULL,
    entity       VARCHAR,
    segment      VARCHAR,
    metric       VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    value        DOUBLE NOT NULL,
    value_max    DOUBLE,
    unit         VARCHAR NOT NULL,
    qualifier    VARCHAR NOT NULL,
    direction    VARCHAR,
    period       VARCHAR,
    period_start DATE,
    period_end   DATE,
    is_forecast  BOOLEAN NOT NULL,
    alt_values   STRUCT(value DOUBLE, unit VARCHAR)[] NOT NULL,
    value_eur    DOUBLE,
    fx_rate      DOUBLE,              -- the EUR reference rate behind value_eur
    fx_date      DATE,                -- the day that rate was published for
    fx_note      VARCHAR,             -- why value_eur is null, when it is
    run_id       VARCHAR NOT NULL,    -- the run that last inserted or changed the row
    loaded_at    TIMESTAMP NOT NULL
);

CREATE TABLE pipeline_runs (
    run_id            VARCHAR PRIMARY KEY,
    flow_run_id       VARCHAR,
    started_at        TIMESTAMP,
    finished_at       TIMESTAMP,
    status            VARCHAR NOT NULL CHECK (status IN ('completed', 'failed')),
    docs_seen         INTEGER,
    docs_new          INTEGER,
    docs_unchanged    INTEGER,
    docs_quarantined  INTEGER,
    facts_extracted   INTEGER,
    facts_loaded      INTEGER,        -- facts of the run's documents stored after the load
    facts_quarantined INTEGER,
    message           VARCHAR,
    extractor_version VARCHAR,
    kpiflow_version   VARCHAR,
    warehouse_version INTEGER,        -- schema_version at load time, filled in by the warehouse
    recorded_at       TIMESTAMP NOT NULL
);

-- Which documents a run (re)processed. documents.first_run_id only names the first
-- run, so this is what lets a later run's fact count be reconciled.
CREATE TABLE run_documents (
    run_id      VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL REFERENCES documents (doc_id),
    is_new      BOOLEAN NOT NULL,
    facts_count INTEGER NOT NULL,
    PRIMARY KEY (run_id, doc_id)
);

CREATE TABLE dq_results (
    run_id           VARCHAR NOT NULL,
    stage            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    column_name      VARCHAR,
    severity         VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
    success          BOOLEAN NOT NULL,
    unexpected_count BIGINT,
    element_count    BIGINT,
    details          VARCHAR,         -- JSON
    checked_at       TIMESTAMP NOT NULL
);

CREATE TABLE quarantine (
    run_id         VARCHAR NOT NULL,
    stage          VARCHAR NOT NULL,
    source         VARCHAR,
    doc_id         VARCHAR,           -- no foreign key: quarantined documents are never loaded
    reason         VARCHAR NOT NULL,
    payload        VARCHAR,           -- JSON: the record as it was held back
    quarantined_at TIMESTAMP NOT NULL
);
