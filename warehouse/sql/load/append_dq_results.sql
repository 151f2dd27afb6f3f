-- Expectation results of the run; an unspecified severity blocks, as gates do by default.
INSERT INTO dq_results BY NAME
SELECT * REPLACE (
    coalesce(run_id, $run_id) AS run_id,
    coalesce(severity, 'error') AS severity,
    coalesce(checked_at, $loaded_at) AS checked_at
)
FROM stage_dq_results;
