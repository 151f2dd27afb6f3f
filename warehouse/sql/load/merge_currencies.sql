-- Makes currencies equal to the staged rows; unchanged rows are not touched (see
-- merge_companies.sql).
MERGE INTO currencies AS target
USING stage_currencies AS source
ON target.code = source.code
WHEN MATCHED AND (target.name, target.has_ecb_rates)
    IS DISTINCT FROM (source.name, source.has_ecb_rates)
    THEN UPDATE SET
        name = source.name,
        has_ecb_rates = source.has_ecb_rates,
        loaded_at = $loaded_at
WHEN NOT MATCHED BY TARGET THEN
    INSERT (code, name, has_ecb_rates, loaded_at)
    VALUES (source.code, source.name, source.has_ecb_rates, $loaded_at)
WHEN NOT MATCHED BY SOURCE THEN DELETE
RETURNING merge_action;
