-- How each segment of an entity grew in a period (parameters entity, matched with ILIKE, and period): revenue, in EUR, and change in percent.
WITH revenue_statements AS (
    SELECT entity, segment, period, kind, value, unit, value_eur, direction, is_forecast,
           published, fact_id
    FROM v_latest
    WHERE metric = 'revenue' AND entity ILIKE $entity AND period = $period
),

-- One level per segment even when it was stated in two currencies: a reported figure
-- before a forecast, then the most recently published.
levels AS (
    SELECT entity, segment, period, value AS revenue, unit, value_eur AS revenue_eur
    FROM revenue_statements
    WHERE kind = 'level'
    QUALIFY row_number() OVER (
        PARTITION BY entity, segment, period
        ORDER BY is_forecast, published DESC NULLS LAST, fact_id
    ) = 1
),

-- A change is stated as an amount and a direction ("sank um 5 Prozent": 5, down).
changes AS (
    SELECT
        entity,
        segment,
        period,
        CASE WHEN direction = 'down' THEN -abs(value) ELSE value END AS change_percent
    FROM revenue_statements
    WHERE kind = 'change' AND unit = 'percent'
    QUALIFY row_number() OVER (
        PARTITION BY entity, segment, period
        ORDER BY is_forecast, published DESC NULLS LAST, fact_id
    ) = 1
),

growth AS (
    SELECT
        coalesce(l.entity, c.entity) AS entity,
        coalesce(l.segment, c.segment) AS segment,
        coalesce(l.period, c.period) AS period,
        l.revenue,
        l.unit,
        l.revenue_eur,
        c.change_percent
    FROM levels AS l
    FULL JOIN changes AS c
        ON c.entity = l.entity
        AND c.segment IS NOT DISTINCT FROM l.segment
        AND c.period = l.period
)

SELECT
    entity,
    coalesce(segment, '(total)') AS segment,
    period,
    revenue,
    unit,
    revenue_eur,
    change_percent
FROM growth
ORDER BY entity, growth.segment IS NOT NULL, revenue_eur DESC NULLS LAST, growth.segment;
