-- Keys that occur more than once in the staged input (at most ten, for the error message).
WITH duplicate_documents AS (
    SELECT 'documents' AS frame, doc_id AS key, count(*) AS occurrences
    FROM stage_documents
    GROUP BY doc_id
    HAVING count(*) > 1
),

duplicate_facts AS (
    SELECT 'facts' AS frame, fact_id AS key, count(*) AS occurrences
    FROM stage_facts
    GROUP BY fact_id
    HAVING count(*) > 1
),

duplicate_companies AS (
    SELECT 'companies' AS frame, canonical_name AS key, count(*) AS occurrences
    FROM stage_companies
    GROUP BY canonical_name
    HAVING count(*) > 1
),

duplicate_currencies AS (
    SELECT 'currencies' AS frame, code AS key, count(*) AS occurrences
    FROM stage_currencies
    GROUP BY code
    HAVING count(*) > 1
),

duplicate_metrics AS (
    SELECT 'metrics' AS frame, metric AS key, count(*) AS occurrences
    FROM stage_metrics
    GROUP BY metric
    HAVING count(*) > 1
)

SELECT frame, key, occurrences FROM duplicate_documents
UNION ALL
SELECT frame, key, occurrences FROM duplicate_facts
UNION ALL
SELECT frame, key, occurrences FROM duplicate_companies
UNION ALL
SELECT frame, key, occurrences FROM duplicate_currencies
UNION ALL
SELECT frame, key, occurrences FROM duplicate_metrics
ORDER BY frame, key
LIMIT 10;
