-- Versions already applied to this file.
SELECT version FROM schema_version ORDER BY version;
