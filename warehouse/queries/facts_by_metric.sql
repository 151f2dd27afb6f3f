-- Facts per metric: how many, about how many entities, and one example as stated.
WITH metric_facts AS (
    SELECT
        metric,
        fact_id,
        entity,
        is_forecast,
        concat_ws(' ', entity, period, surface) AS stated
    FROM facts
),

per_metric AS (
    SELECT
        metric,
        count(*) AS facts,
        count(*) FILTER (WHERE is_forecast) AS forecasts,
        count(DISTINCT entity) AS entities,
        -- the lowest fact_id gives the same example on every call
        arg_min(stated, fact_id) AS example
    FROM metric_facts
    GROUP BY metric
)

SELECT metric, facts, forecasts, entities, example
FROM per_metric
ORDER BY facts DESC, metric;
