// One Dataform unit test per staging model (resources and child collections), generated from the same
// column specs as the models (includes/staging_tests.js has the scenarios).
function declareTest(name, model, scenario) {
  const t = test(name).dataset({ schema: staging.STAGING_SCHEMA, name: model });
  Object.entries(scenario.inputs).forEach(([table, sql]) => {
    t.input(table.startsWith("stg_") ? [staging.STAGING_SCHEMA, table] : [staging.SOURCE_SCHEMA, table], sql);
  });
  t.expect(scenario.expected);
}

staging.catalog.forEach((entry) => {
  const model = staging.stagingName(entry);
  declareTest(`test_${model}`, entry.incremental ? staging.definitionName(model) : model, staging_tests.resourceScenario(entry));
  staging.childChains(entry.children).forEach((chain) => {
    const child = staging.childName(entry, chain);
    declareTest(`test_${child}`, child, staging_tests.childScenario(entry, chain));
  });
});
