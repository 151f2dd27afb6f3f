-- The documents this run processed and how many facts it produced for each.
INSERT OR REPLACE INTO run_documents BY NAME
WITH facts_per_document AS (
    SELECT doc_id, count(*) AS facts_count
    FROM stage_facts
    GROUP BY doc_id
)

SELECT
    $run_id AS run_id,
    s.doc_id,
    d.first_run_id = $run_id AS is_new,
    coalesce(f.facts_count, 0) AS facts_count
FROM stage_documents AS s
JOIN documents AS d ON d.doc_id = s.doc_id
LEFT JOIN facts_per_document AS f ON f.doc_id = s.doc_id;
