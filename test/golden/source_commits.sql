CREATE OR REPLACE EXTERNAL TABLE `edfi-amt.edfi_sources._commits` (
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
  uris = ['gs://district-lake/edfi-lake/_commits/school_year=*/*.ndjson']
)
