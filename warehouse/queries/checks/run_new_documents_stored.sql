-- docs_new of the run equals the documents the warehouse first loaded in that run.
WITH run_row AS (
    SELECT docs_new
    FROM pipeline_runs
    WHERE run_id = $run_id
),

stored AS (
    SELECT count(*) AS first_loaded
    FROM documents
    WHERE first_run_id = $run_id
),

verdicts AS (
    SELECT
        r.docs_new IS NOT DISTINCT FROM s.first_loaded AS balanced,
        format('docs_new {} but {} documents first loaded', r.docs_new, s.first_loaded) AS note
    FROM run_row AS r, stored AS s
    UNION ALL
    SELECT false AS balanced, 'the run has no pipeline_runs row' AS note
    WHERE NOT EXISTS (SELECT 1 FROM run_row)
)

SELECT
    'docs_new' AS column_name,
    count(*) FILTER (WHERE NOT balanced) AS unexpected_count,
    count(*) AS element_count,
    list(note) FILTER (WHERE NOT balanced) AS sample
FROM verdicts;
