-- All facts about one entity (parameter entity, matched with ILIKE so % works), latest period first.
WITH entity_facts AS (
    SELECT *
    FROM v_facts
    WHERE entity ILIKE $entity
)

SELECT *
FROM entity_facts
ORDER BY period_end DESC NULLS LAST, metric, fact_id;
