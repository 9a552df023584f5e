// Lake sources, generated from the catalog (includes/catalog.js): one per resource plus the commit log.
// BigQuery: external tables over gs://…; DuckDB: views over the local lake (includes/dialect.js).
// Each build also takes the commit log into a table (below), which the staging models read.
const SOURCE_TAGS = ["sources"];

operate(staging.COMMIT_LOG)
  .schema(staging.SOURCE_SCHEMA)
  .hasOutput(true)
  .tags(SOURCE_TAGS)
  .description("Commit log of the lake: one row per run, school year and resource committed (README \"Lake contract\").")
  .queries((ctx) => [dialect.commitSourceSql(ctx.self())]);

// Tagged staging too: a staging-only build (`--tags staging`) must not read an older build's runs.
publish(staging.COMMITS, {
  type: "table",
  schema: staging.SOURCE_SCHEMA,
  tags: [...SOURCE_TAGS, "staging"],
  description: `The commit log as the build found it (${staging.COMMIT_LOG}, read once): the runs every staging model of one build takes as committed.`,
  columns: {
    run_id: "Extract run that committed.",
    resource: "Ed-Fi resource it committed.",
    table_name: "Lake folder and staging table name of the resource.",
    snapshot: "Whether the run read the resource as a full snapshot.",
    committed_at: "When the run committed the resource's files for the school year (ISO 8601 UTC).",
    school_year: "School year partition of the commit.",
  },
}).query((ctx) => `SELECT run_id, resource, table_name, snapshot, committed_at, school_year FROM ${ctx.ref(staging.SOURCE_SCHEMA, staging.COMMIT_LOG)}`);

catalog.catalog.forEach((entry) => {
  operate(entry.table)
    .schema(staging.SOURCE_SCHEMA)
    .hasOutput(true)
    .tags(SOURCE_TAGS)
    .description(`Ed-Fi API resource ${entry.resource} as landed in the lake: one row per line (upserts, deletes, key changes of every run).`)
    .queries((ctx) => [dialect.recordSourceSql(ctx.self(), entry.table)]);
});
