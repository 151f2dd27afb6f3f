-- Held-back records of the run; rows without run_id or time get the run's.
INSERT INTO quarantine BY NAME
SELECT * REPLACE (
    coalesce(run_id, $run_id) AS run_id,
    coalesce(quarantined_at, $loaded_at) AS quarantined_at
)
FROM stage_quarantine;
