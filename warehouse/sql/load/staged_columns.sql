-- Column names of one staging table, in table order.
SELECT column_name
FROM duckdb_columns()
WHERE database_name = 'temp' AND table_name = $table_name
ORDER BY column_index;
