-- The run accounts for every input document: docs_seen = docs_new + docs_unchanged + docs_quarantined.
WITH run_row AS (
    SELECT docs_seen, docs_new, docs_unchanged, docs_quarantined
    FROM pipeline_runs
    WHERE run_id = $run_id
),

verdicts AS (
    SELECT
        coalesce(docs_seen = docs_new + docs_unchanged + docs_quarantined, false) AS balanced,
        format(
            '{} seen, {} new, {} unchanged, {} quarantined',
            docs_seen, docs_new, docs_unchanged, docs_quarantined
        ) AS note
    FROM run_row
    UNION ALL
    SELECT false AS balanced, 'the run has no pipeline_runs row' AS note
    WHERE NOT EXISTS (SELECT 1 FROM run_row)
)

SELECT
    'docs_seen' AS column_name,
    count(*) FILTER (WHERE NOT balanced) AS unexpected_count,
    count(*) AS element_count,
    list(note) FILTER (WHERE NOT balanced) AS sample
FROM verdicts;
