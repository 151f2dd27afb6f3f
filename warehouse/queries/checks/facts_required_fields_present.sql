-- The fields FACTS.md never leaves empty are filled in every fact.
WITH missing_per_fact AS (
    SELECT
        fact_id,
        list_filter(
            [
                CASE WHEN doc_id IS NULL THEN 'doc_id' END,
                CASE WHEN language IS NULL THEN 'language' END,
                CASE WHEN sentence IS NULL THEN 'sentence' END,
                CASE WHEN "start" IS NULL THEN 'start' END,
                CASE WHEN "end" IS NULL THEN 'end' END,
                CASE WHEN surface IS NULL THEN 'surface' END,
                CASE WHEN metric IS NULL THEN 'metric' END,
                CASE WHEN kind IS NULL THEN 'kind' END,
                CASE WHEN value IS NULL THEN 'value' END,
                CASE WHEN unit IS NULL THEN 'unit' END,
                CASE WHEN qualifier IS NULL THEN 'qualifier' END,
                CASE WHEN is_forecast IS NULL THEN 'is_forecast' END,
                CASE WHEN alt_values IS NULL THEN 'alt_values' END
            ],
            lambda field: field IS NOT NULL
        ) AS missing_fields
    FROM facts
),

incomplete_facts AS (
    SELECT fact_id, missing_fields
    FROM missing_per_fact
    WHERE len(missing_fields) > 0
)

SELECT
    (
        SELECT string_agg(DISTINCT field, ',' ORDER BY field)
        FROM incomplete_facts, unnest(missing_fields) AS fields(field)
    ) AS column_name,
    (SELECT count(*) FROM incomplete_facts) AS unexpected_count,
    (SELECT count(*) FROM facts) AS element_count,
    (SELECT list(fact_id ORDER BY fact_id)[1:5] FROM incomplete_facts) AS sample;
