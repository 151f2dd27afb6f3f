-- Marks one migration as applied, in the same transaction as the migration itself.
INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $applied_at);
