-- Makes companies equal to the staged rows: new names inserted, changed rows rewritten,
-- names no longer staged deleted. Unchanged rows are not touched, so their loaded_at
-- stays and an identical reload changes no row.
MERGE INTO companies AS target
USING (
    SELECT * REPLACE (coalesce(aliases, []::VARCHAR[]) AS aliases)
    FROM stage_companies
) AS source
ON target.canonical_name = source.canonical_name
WHEN MATCHED AND (target.aliases, target.country, target.fiscal_year_end_month)
    IS DISTINCT FROM (source.aliases, source.country, source.fiscal_year_end_month)
    THEN UPDATE SET
        aliases = source.aliases,
        country = source.country,
        fiscal_year_end_month = source.fiscal_year_end_month,
        loaded_at = $loaded_at
WHEN NOT MATCHED BY TARGET THEN
    INSERT (canonical_name, aliases, country, fiscal_year_end_month, loaded_at)
    VALUES (
        source.canonical_name,
        source.aliases,
        source.country,
        source.fiscal_year_end_month,
        $loaded_at
    )
WHEN NOT MATCHED BY SOURCE THEN DELETE
RETURNING merge_action;
