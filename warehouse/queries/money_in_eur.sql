-- Every money fact converted to EUR, with the ECB rate and the day it was taken for (fx_note says why a value is missing).
WITH money AS (
    SELECT
        entity, segment, metric, kind, period, period_end, is_forecast, value, unit,
        value_eur, fx_rate, fx_date, fx_note, surface, source, fact_id
    FROM v_facts_eur
)

SELECT * EXCLUDE (fact_id)
FROM money
ORDER BY entity NULLS LAST, period_end NULLS LAST, metric, segment NULLS FIRST, fact_id;
