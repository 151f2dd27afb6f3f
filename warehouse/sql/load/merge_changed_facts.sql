-- Inserts new facts and rewrites facts whose content changed. Unchanged facts are not
-- part of the source at all, so their run_id and loaded_at stay as they were and an
-- identical re-run changes no row.
MERGE INTO facts AS target
USING (
    WITH incoming AS (
        SELECT * EXCLUDE (run_id, loaded_at)
        FROM stage_facts
    ),

    stored AS (
        SELECT * EXCLUDE (run_id, loaded_at)
        FROM facts
        WHERE fact_id IN (SELECT fact_id FROM incoming)
    ),

    -- EXCEPT compares NULLs as equal, which a column-by-column = would not.
    changed AS (
        SELECT * FROM incoming
        EXCEPT
        SELECT * FROM stored
    )

    SELECT stage_facts.* REPLACE ($run_id AS run_id, $loaded_at AS loaded_at)
    FROM stage_facts
    SEMI JOIN changed ON changed.fact_id = stage_facts.fact_id
) AS source
ON target.fact_id = source.fact_id
WHEN MATCHED THEN UPDATE BY NAME
WHEN NOT MATCHED THEN INSERT BY NAME
RETURNING merge_action;
