-- The 20 most recent pipeline runs with their document and fact counts.
WITH runs AS (
    SELECT
        run_id,
        status,
        started_at,
        finished_at,
        docs_seen,
        docs_new,
        docs_unchanged,
        docs_quarantined,
        facts_extracted,
        facts_loaded,
        facts_quarantined,
        message,
        recorded_at
    FROM pipeline_runs
)

SELECT * EXCLUDE (recorded_at)
FROM runs
ORDER BY coalesce(started_at, recorded_at) DESC, run_id
LIMIT 20;
