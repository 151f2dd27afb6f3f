-- doc_ids of staged facts that are not among the staged documents (at most ten).
-- The facts frame replaces the facts of the documents frame's documents, so a fact
-- for any other document would be loaded without its siblings being reconciled.
SELECT DISTINCT f.doc_id
FROM stage_facts AS f
ANTI JOIN stage_documents AS d ON d.doc_id = f.doc_id
ORDER BY f.doc_id
LIMIT 10;
