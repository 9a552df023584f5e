CREATE OR REPLACE EXTERNAL TABLE `edfi-amt.edfi_sources._commit_log` (
  run_id STRING,
  resource STRING,
  table_name STRING,
  snapshot BOOL,
  committed_at STRING
)
WITH PARTITION COLUMNS (school_year INT64)
OPTIONS (
  format = 'NEWLINE_DELIMITED_JSON',
  ignore_unknown_values = true,
  hive_partition_uri_prefix = 'gs://district-lake/edfi-lake/_commits',
  uris = ['gs://district-lake/edfi-lake/_commits/*.ndjson']
)
;
SELECT run_id, resource, table_name, snapshot, committed_at, school_year FROM `edfi-amt.edfi_sources._commit_log`
