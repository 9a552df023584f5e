// Lake sources, generated from the catalog (includes/catalog.js): one per resource plus the commit log.
// BigQuery: external tables over gs://…; DuckDB: views over the local lake (includes/dialect.js).
const SOURCE_TAGS = ["sources"];

operate(staging.COMMITS)
  .schema(staging.SOURCE_SCHEMA)
  .hasOutput(true)
  .tags(SOURCE_TAGS)
  .description("Commit log of the lake: one row per run, school year and resource committed (README \"Lake contract\").")
  .queries((ctx) => [dialect.commitSourceSql(ctx.self())]);

catalog.catalog.forEach((entry) => {
  operate(entry.table)
    .schema(staging.SOURCE_SCHEMA)
    .hasOutput(true)
    .tags(SOURCE_TAGS)
    .description(`Ed-Fi API resource ${entry.resource} as landed in the lake: one row per line (upserts, deletes, key changes of every run).`)
    .queries((ctx) => [dialect.recordSourceSql(ctx.self(), entry.table)]);
});
