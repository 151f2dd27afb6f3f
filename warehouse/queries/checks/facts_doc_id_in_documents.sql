-- Every fact belongs to a document in the warehouse (backstop for the foreign key).
WITH orphan_facts AS (
    SELECT f.fact_id
    FROM facts AS f
    ANTI JOIN documents AS d ON d.doc_id = f.doc_id
)

SELECT
    'doc_id' AS column_name,
    (SELECT count(*) FROM orphan_facts) AS unexpected_count,
    (SELECT count(*) FROM facts) AS element_count,
    (SELECT list(fact_id ORDER BY fact_id)[1:5] FROM orphan_facts) AS sample;
