-- facts_loaded of the run equals the facts now stored for the documents the run processed.
WITH run_row AS (
    SELECT facts_loaded
    FROM pipeline_runs
    WHERE run_id = $run_id
),

stored AS (
    SELECT count(f.fact_id) AS facts_stored
    FROM run_documents AS rd
    JOIN facts AS f ON f.doc_id = rd.doc_id
    WHERE rd.run_id = $run_id
),

verdicts AS (
    SELECT
        r.facts_loaded IS NOT DISTINCT FROM s.facts_stored AS balanced,
        format('facts_loaded {} but {} facts stored', r.facts_loaded, s.facts_stored) AS note
    FROM run_row AS r, stored AS s
    UNION ALL
    SELECT false AS balanced, 'the run has no pipeline_runs row' AS note
    WHERE NOT EXISTS (SELECT 1 FROM run_row)
)

SELECT
    'facts_loaded' AS column_name,
    count(*) FILTER (WHERE NOT balanced) AS unexpected_count,
    count(*) AS element_count,
    list(note) FILTER (WHERE NOT balanced) AS sample
FROM verdicts;
