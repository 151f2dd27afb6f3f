-- The run's row; a later call for the same run_id (e.g. a failed warehouse gate after
-- the load) replaces it.
INSERT OR REPLACE INTO pipeline_runs BY NAME
SELECT * REPLACE (
    coalesce(warehouse_version, (SELECT max(version) FROM schema_version)) AS warehouse_version,
    $loaded_at AS recorded_at
)
FROM stage_pipeline_runs;
