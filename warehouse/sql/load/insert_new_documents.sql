-- Documents not yet in the warehouse; known ones stay exactly as first loaded.
INSERT INTO documents BY NAME
SELECT * REPLACE (
    coalesce(char_count, length(text)) AS char_count,
    $run_id AS first_run_id,
    $loaded_at AS loaded_at
)
FROM stage_documents
WHERE doc_id NOT IN (SELECT doc_id FROM documents);
