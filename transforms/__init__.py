"""Pure-Python stages of kpiflow: reading, cleaning, recognising and normalising.

Nothing in this package imports Prefect, Great Expectations or DuckDB, so every
function here runs unchanged in any worker process.
"""
