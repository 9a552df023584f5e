// One staging table per catalog resource (a view for each descriptor, over one table of them all) and one
// view per child collection, generated from the catalog.
// The SQL lives in includes/staging.js; here each model is declared with its assertions and docs.

/**
 * An incremental model, plus the rows of its full build as a never-built view: Dataform cannot unit-test
 * incrementals. `pre` and `post` run around an incremental build, `fullPost` after a full build;
 * `definition` is the view's query, as the full build's query leaves work to `fullPost`.
 */
function publishIncremental(name, config, query, { pre, post, fullPost, definition }) {
  const model = publish(name, { ...config, type: "incremental" }).query(query);
  model.preOps((ctx) => (ctx.incremental() ? pre(ctx) : []));
  model.postOps((ctx) => (ctx.incremental() ? post(ctx) : fullPost(ctx)));
  publish(staging.definitionName(name), {
    type: "view",
    schema: staging.STAGING_SCHEMA,
    disabled: true,
    tags: ["staging"],
    description: `The rows of a full build of the incremental ${name}, for its unit test; never built.`,
  }).query(definition);
}

// The descriptors share their columns: one table holds them all, and each descriptor's model is a view of it.
publish(staging.DESCRIPTORS, {
  type: "table",
  schema: staging.STAGING_SCHEMA,
  tags: ["staging", "descriptors"],
  description: "Current records of every descriptor resource (latest version per natural key and school year, deletions applied), typed; each descriptor's stg_ view reads its own.",
  columns: { table_name: "Staging name of the descriptor resource (e.g. academic_subject_descriptors).", ...staging.resourceColumnDescriptions(staging.DESCRIPTOR_ENTRIES[0]) },
}).query((ctx) => staging.descriptorsQuery(ctx));

staging.catalog.forEach((entry) => {
  const required = staging.resourceColumns(entry).filter((c) => c.key && staging.requiredKeyPaths(entry).includes(c.path)).map((c) => c.name);
  const config = {
    schema: staging.STAGING_SCHEMA,
    tags: ["staging", entry.descriptor ? "descriptors" : "resources"],
    description: `Current ${entry.resource} records (latest version per natural key and school year, deletions applied), typed.`,
    columns: staging.resourceColumnDescriptions(entry),
    assertions: { uniqueKey: ["school_year", ...staging.naturalKeyColumns(entry)], nonNull: ["id", "school_year", ...required] },
  };
  const query = (ctx) => staging.stagingQuery(ctx, entry);
  if (entry.descriptor) {
    publish(staging.stagingName(entry), { ...config, type: "view" }).query((ctx) => staging.descriptorQuery(ctx, entry));
  } else if (entry.incremental) {
    publishIncremental(staging.stagingName(entry), { ...config, uniqueKey: ["id", "school_year"] }, query, {
      pre: (ctx) => staging.incrementalPreparation(ctx, entry),
      post: (ctx) => staging.incrementalCleanup(ctx, entry),
      fullPost: (ctx) => staging.fullBuildCleanup(ctx, entry),
      definition: (ctx) => staging.stagingQuery(ctx, entry, { choose: true }),
    });
  } else {
    publish(staging.stagingName(entry), { ...config, type: "table" }).query(query);
  }

  // Children are views over their parent's current rows (staging.childQuery).
  staging.childChains(entry.children).forEach((chain) => {
    publish(staging.childName(entry, chain), {
      type: "view",
      schema: staging.STAGING_SCHEMA,
      tags: ["staging", "children"],
      description: `${entry.resource}.${chain.map((c) => c.path + "[]").join(".")} of the current ${entry.resource} records, one row per element.`,
      columns: staging.childColumnDescriptions(entry, chain),
      assertions: { nonNull: ["parent_id", "school_year"] },
    }).query((ctx) => staging.childQuery(ctx, entry, chain));
  });
});
