-- Empty temporary copies of the target tables. Copying the column types from the
-- tables themselves (not from pandas) means an empty or partial frame still stages
-- with the right types, and a migration that adds a column needs no change here.
CREATE OR REPLACE TEMP TABLE stage_documents AS FROM documents LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_facts AS FROM facts LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_pipeline_runs AS FROM pipeline_runs LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_dq_results AS FROM dq_results LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_quarantine AS FROM quarantine LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_companies AS FROM companies LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_currencies AS FROM currencies LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_metrics AS FROM metrics LIMIT 0;
