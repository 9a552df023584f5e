// One source per catalog resource, generated from includes/catalog.js (never listed by hand).
// Declared over the lake's tables in the `edfi_sources` schema.
catalog.catalog.forEach((entry) => {
  declare({
    schema: "edfi_sources",
    name: entry.table,
    description: `Ed-Fi API resource ${entry.resource} as landed in the lake (one row per extracted record).`,
  });
});
