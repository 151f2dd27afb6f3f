-- Capital expenditure in EUR per company and calendar year (the year a period ends), reported and planned apart.
WITH company_capex AS (
    SELECT
        entity,
        period,
        coalesce(period_start, period_end) AS period_start,
        period_end,
        year(period_end) AS year,
        is_forecast AS planned,
        value_eur,
        published,
        fact_id
    FROM v_latest
    WHERE metric = 'capex'
      AND kind = 'level'
      AND segment IS NULL
      AND entity IS NOT NULL
      AND period_end IS NOT NULL
      AND value_eur IS NOT NULL
),

-- The same span stated in two currencies, or as "2024" and "FY2024", is one figure.
one_per_span AS (
    SELECT *
    FROM company_capex
    QUALIFY row_number() OVER (
        PARTITION BY entity, planned, period_start, period_end
        ORDER BY published DESC NULLS LAST, fact_id
    ) = 1
),

-- A quarter inside a year that is stated as a whole would be counted twice.
inside_wider_span AS (
    SELECT part.fact_id
    FROM one_per_span AS part
    JOIN one_per_span AS whole
        ON whole.entity = part.entity
        AND whole.planned = part.planned
        AND whole.year = part.year
        AND whole.period_start <= part.period_start
        AND whole.period_end >= part.period_end
        AND whole.fact_id <> part.fact_id
),

counted AS (
    SELECT *
    FROM one_per_span
    WHERE fact_id NOT IN (SELECT fact_id FROM inside_wider_span)
)

SELECT
    entity,
    year,
    planned,
    sum(value_eur) AS capex_eur,
    list(period ORDER BY period_start, period) AS periods,
    count(*) AS facts
FROM counted
GROUP BY entity, year, planned
ORDER BY entity, year, planned;
