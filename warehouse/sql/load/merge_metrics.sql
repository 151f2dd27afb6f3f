-- Makes metrics equal to the staged rows; unchanged rows are not touched (see
-- merge_companies.sql).
MERGE INTO metrics AS target
USING stage_metrics AS source
ON target.metric = source.metric
WHEN MATCHED AND (target.label_en, target.label_de, target.description)
    IS DISTINCT FROM (source.label_en, source.label_de, source.description)
    THEN UPDATE SET
        label_en = source.label_en,
        label_de = source.label_de,
        description = source.description,
        loaded_at = $loaded_at
WHEN NOT MATCHED BY TARGET THEN
    INSERT (metric, label_en, label_de, description, loaded_at)
    VALUES (source.metric, source.label_en, source.label_de, source.description, $loaded_at)
WHEN NOT MATCHED BY SOURCE THEN DELETE
RETURNING merge_action;
