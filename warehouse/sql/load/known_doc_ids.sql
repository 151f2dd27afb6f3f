-- Which of the given doc_ids the warehouse already holds.
SELECT doc_id
FROM documents
WHERE doc_id IN (SELECT unnest($doc_ids::VARCHAR[]));
