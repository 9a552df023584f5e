// One Dataform unit test per staging model (resources, the descriptors table and child collections), generated from the same
// column specs as the models (includes/staging_tests.js has the scenarios).
function declareTest(name, model, scenario) {
  const t = test(name).dataset({ schema: staging.STAGING_SCHEMA, name: model });
  Object.entries(scenario.inputs).forEach(([table, sql]) => {
    t.input(table.startsWith("stg_") ? [staging.STAGING_SCHEMA, table] : [staging.SOURCE_SCHEMA, table], sql);
  });
  t.expect(scenario.expected);
}

const descriptors = staging.DESCRIPTOR_ENTRIES;
declareTest(`test_${staging.DESCRIPTORS}`, staging.DESCRIPTORS, staging_tests.descriptorsScenario(descriptors));

staging.catalog.forEach((entry) => {
  const model = staging.stagingName(entry);
  if (entry.descriptor) {
    const other = descriptors.find((e) => e !== entry);
    declareTest(`test_${model}`, model, staging_tests.descriptorScenario(entry, other));
  } else declareTest(`test_${model}`, entry.incremental ? staging.definitionName(model) : model, staging_tests.resourceScenario(entry));
  staging.childChains(entry.children).forEach((chain) => {
    const child = staging.childName(entry, chain);
    declareTest(`test_${child}`, child, staging_tests.childScenario(entry, chain));
  });
});
