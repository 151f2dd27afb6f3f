-- Dimension tables: the companies, currencies and metrics that facts refer to by name.
--
-- They are reference data, replaced as a whole by warehouse.load_dimensions; loaded_at
-- is the time a row was last inserted or changed, so an identical reload leaves it as
-- it was. No foreign key points here from facts: an entity, currency or metric missing
-- from a dimension must not stop a load (the views join with LEFT JOIN).

CREATE TABLE companies (
    canonical_name        VARCHAR PRIMARY KEY,  -- the name facts.entity holds
    aliases               VARCHAR[] NOT NULL,   -- other names the extractor recognises
    country               VARCHAR,              -- ISO 3166-1 alpha-2
    fiscal_year_end_month INTEGER CHECK (fiscal_year_end_month BETWEEN 1 AND 12),
    loaded_at             TIMESTAMP NOT NULL
);

CREATE TABLE currencies (
    code          VARCHAR PRIMARY KEY,          -- ISO 4217, the unit of money facts
    name          VARCHAR,
    has_ecb_rates BOOLEAN NOT NULL,             -- the offline ECB history quotes it
    loaded_at     TIMESTAMP NOT NULL
);

CREATE TABLE metrics (
    metric      VARCHAR PRIMARY KEY,            -- the vocabulary of FACTS.md
    label_en    VARCHAR NOT NULL,
    label_de    VARCHAR NOT NULL,
    description VARCHAR,
    loaded_at   TIMESTAMP NOT NULL
);
