-- Data-quality expectations that failed, newest first, with the run they belong to.
WITH failures AS (
    SELECT run_id, stage, expectation, column_name, severity, unexpected_count,
           element_count, details, checked_at
    FROM dq_results
    WHERE NOT success
)

SELECT *
FROM failures
ORDER BY checked_at DESC, run_id, stage, expectation
LIMIT 100;
