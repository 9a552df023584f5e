// One staging table per catalog resource and one per child collection, generated from the catalog.
// The SQL lives in includes/staging.js; here each model is declared with its assertions and docs.
staging.catalog.forEach((entry) => {
  const key = staging.resourceColumns(entry).filter((c) => c.key).map((c) => c.name);
  const required = staging.resourceColumns(entry).filter((c) => c.key && staging.requiredKeyPaths(entry).includes(c.path)).map((c) => c.name);
  const config = {
    type: entry.incremental ? "incremental" : "table",
    schema: staging.STAGING_SCHEMA,
    tags: ["staging", entry.descriptor ? "descriptors" : "resources"],
    description: `Current ${entry.resource} records (latest version per natural key and school year, deletions applied), typed.`,
    columns: staging.resourceColumnDescriptions(entry),
    assertions: { uniqueKey: ["school_year", ...key], nonNull: ["id", "school_year", ...required] },
  };
  if (entry.incremental) config.uniqueKey = ["id", "school_year"];
  const model = publish(staging.stagingName(entry), config).query((ctx) => staging.stagingQuery(ctx, entry));
  if (entry.incremental) {
    model.preOps((ctx) => (ctx.incremental() ? staging.incrementalPreparation(ctx, entry) : []));
    model.postOps((ctx) => (ctx.incremental() ? staging.incrementalCleanup(ctx, entry) : []));
    // Dataform cannot unit-test incremental tables: the same (full) query as a never-built view can be.
    publish(staging.definitionName(entry), {
      type: "view",
      schema: staging.STAGING_SCHEMA,
      disabled: true,
      tags: ["staging"],
      description: `The full-build query of the incremental ${staging.stagingName(entry)}, for its unit test; never built.`,
    }).query((ctx) => staging.stagingQuery(ctx, entry));
  }

  staging.childChains(entry.children).forEach((chain) => {
    publish(staging.childName(entry, chain), {
      type: "table",
      schema: staging.STAGING_SCHEMA,
      tags: ["staging", "children"],
      description: `${entry.resource}.${chain.map((c) => c.path + "[]").join(".")} of the current ${entry.resource} records, one row per element.`,
      columns: staging.childColumnDescriptions(entry, chain),
      assertions: { nonNull: ["parent_id", "school_year"] },
    }).query((ctx) => staging.childQuery(ctx, entry, chain));
  });
});
