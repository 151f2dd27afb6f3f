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
)

SELECT frame, key, occurrences FROM duplicate_documents
UNION ALL
SELECT frame, key, occurrences FROM duplicate_facts
ORDER BY frame, key
LIMIT 10;
