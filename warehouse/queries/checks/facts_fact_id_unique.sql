-- fact_id identifies exactly one fact and is never null (backstop for the primary key).
WITH rows_per_fact_id AS (
    SELECT fact_id, count(*) AS occurrences
    FROM facts
    GROUP BY fact_id
),

offending AS (
    SELECT fact_id, occurrences
    FROM rows_per_fact_id
    WHERE occurrences > 1 OR fact_id IS NULL
)

SELECT
    'fact_id' AS column_name,
    (SELECT coalesce(sum(occurrences), 0) FROM offending) AS unexpected_count,
    (SELECT count(*) FROM facts) AS element_count,
    (SELECT list(coalesce(fact_id, 'NULL') ORDER BY fact_id)[1:5] FROM offending) AS sample;
