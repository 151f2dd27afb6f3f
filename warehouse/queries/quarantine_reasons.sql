-- Why records were held back: reason, stage and how often, most frequent first.
WITH held_back AS (
    SELECT reason, stage, run_id, quarantined_at
    FROM quarantine
)

SELECT
    reason,
    stage,
    count(*) AS records,
    count(DISTINCT run_id) AS runs,
    max(quarantined_at) AS last_seen
FROM held_back
GROUP BY reason, stage
ORDER BY records DESC, reason, stage;
