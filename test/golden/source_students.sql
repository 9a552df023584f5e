CREATE OR REPLACE EXTERNAL TABLE `edfi-amt.edfi_sources.students` (
  id STRING,
  resource STRING,
  operation STRING,
  change_version INT64,
  extracted_at STRING,
  run_id STRING,
  snapshot BOOL,
  data STRING
)
WITH PARTITION COLUMNS (school_year INT64)
OPTIONS (
  format = 'NEWLINE_DELIMITED_JSON',
  compression = 'GZIP',
  ignore_unknown_values = true,
  hive_partition_uri_prefix = 'gs://district-lake/edfi-lake/edfi/students',
  uris = ['gs://district-lake/edfi-lake/edfi/students/*.ndjson.gz']
)
