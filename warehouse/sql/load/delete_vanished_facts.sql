-- Facts of the reprocessed documents that the extractor no longer produces.
DELETE FROM facts
WHERE doc_id IN (SELECT doc_id FROM stage_documents)
  AND fact_id NOT IN (SELECT fact_id FROM stage_facts);
