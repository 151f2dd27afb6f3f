-- Views for analysts: facts with the document they come from.

CREATE VIEW v_facts AS
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

-- A left join keeps a fact visible even if its document went missing; the warehouse
-- checks report such facts rather than the view hiding them.
facts_with_documents AS (
    SELECT
        f.entity,
        f.segment,
        f.metric,
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
)

SELECT * FROM facts_with_documents;
