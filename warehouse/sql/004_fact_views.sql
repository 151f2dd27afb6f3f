-- Views for analysts: v_facts with company and metric labels, money in EUR, latest values.
--
-- Every join to a document or a dimension is a LEFT JOIN: a fact stays visible when its
-- document went missing (the warehouse checks report that) or when its entity, metric or
-- currency is not in a dimension table.

CREATE OR REPLACE VIEW v_facts AS
WITH fact_rows AS (
    SELECT
        fact_id, doc_id, entity, segment, metric, kind, value, value_max, unit, qualifier,
        direction, period, period_start, period_end, is_forecast, value_eur, surface,
        language, sentence, "start", "end", alt_values, run_id
    FROM facts
),

document_rows AS (
    SELECT doc_id, source, title, published
    FROM documents
),

company_rows AS (
    SELECT canonical_name, country
    FROM companies
),

metric_rows AS (
    SELECT metric, label_en, label_de
    FROM metrics
),

facts_described AS (
    SELECT
        f.entity,
        c.country,
        f.segment,
        f.metric,
        m.label_en AS metric_label_en,
        m.label_de AS metric_label_de,
        f.kind,
        f.value,
        f.value_max,
        f.unit,
        f.qualifier,
        f.direction,
        f.period,
        f.period_start,
        f.period_end,
        f.is_forecast,
        f.value_eur,
        f.surface,
        d.source,
        d.title,
        d.published,
        f.doc_id,
        f.fact_id,
        f.language,
        f.sentence,
        f."start",
        f."end",
        f.alt_values,
        f.run_id
    FROM fact_rows AS f
    LEFT JOIN document_rows AS d ON d.doc_id = f.doc_id
    LEFT JOIN company_rows AS c ON c.canonical_name = f.entity
    LEFT JOIN metric_rows AS m ON m.metric = f.metric
)

SELECT * FROM facts_described;


-- Money facts with their EUR value and the ECB rate behind it. A unit is money unless it
-- is one of transforms.schema.NON_MONEY_UNITS; fx_note says why value_eur is null.
CREATE VIEW v_facts_eur AS
WITH money_facts AS (
    SELECT
        fact_id, doc_id, entity, segment, metric, kind, period, period_end, is_forecast,
        value, unit, value_eur, fx_rate, fx_date, fx_note, surface
    FROM facts
    WHERE unit NOT IN ('percent', 'pp', 'x', 'count')
),

document_rows AS (
    SELECT doc_id, source, published
    FROM documents
),

money_with_documents AS (
    SELECT
        f.entity,
        f.segment,
        f.metric,
        f.kind,
        f.period,
        f.period_end,
        f.is_forecast,
        f.value,
        f.unit,
        f.value_eur,
        f.fx_rate,
        f.fx_date,
        f.fx_note,
        f.surface,
        d.source,
        d.published,
        f.doc_id,
        f.fact_id
    FROM money_facts AS f
    LEFT JOIN document_rows AS d ON d.doc_id = f.doc_id
)

SELECT * FROM money_with_documents;


-- The latest statement of each figure: one row per entity, segment, metric, kind, unit and
-- period, taken from the most recently published document (then the most recently loaded
-- fact, then the lowest fact_id, so the choice is the same on every call). Facts without
-- a period are left out: nothing says which statement of them is the newer one.
CREATE VIEW v_latest AS
WITH dated_facts AS (
    SELECT
        fact_id, doc_id, entity, segment, metric, kind, unit, period, period_start,
        period_end, value, value_max, qualifier, direction, is_forecast, value_eur, fx_rate,
        fx_date, surface, loaded_at
    FROM facts
    WHERE period IS NOT NULL
),

document_rows AS (
    SELECT doc_id, source, published
    FROM documents
),

statements AS (
    SELECT f.*, d.source, d.published
    FROM dated_facts AS f
    LEFT JOIN document_rows AS d ON d.doc_id = f.doc_id
),

ranked AS (
    SELECT
        *,
        row_number() OVER (
            figure ORDER BY published DESC NULLS LAST, loaded_at DESC, fact_id
        ) AS recency,
        count(*) OVER figure AS times_stated
    FROM statements
    WINDOW figure AS (PARTITION BY entity, segment, metric, kind, unit, period)
)

SELECT
    entity, segment, metric, kind, unit, period, period_start, period_end, value, value_max,
    qualifier, direction, is_forecast, value_eur, fx_rate, fx_date, surface, published,
    source, times_stated, doc_id, fact_id
FROM ranked
WHERE recency = 1;
