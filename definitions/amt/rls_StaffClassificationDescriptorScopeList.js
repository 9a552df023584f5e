// AMT-SPEC §5.5, §11.4: the effective authorization scopes, i.e. the resolved descriptor map restricted to
// the three AuthorizationScope constants. Defaults (§12.4) in includes/amt_config.js; a district changes
// them with AuthorizationScope.* rows in includes/descriptor_map.js, checked when compiling.
if (amt.collectionEnabled("rls")) {
  // Tagged report: npm run transform logs the effective scopes on every run, as §11.4 asks.
  const config = amt.collectionConfig("rls_StaffClassificationDescriptorScopeList");
  publish("rls_StaffClassificationDescriptorScopeList", { ...config, tags: [...config.tags, "report"] }).query((ctx) =>
    amt.shape(
      "rls_StaffClassificationDescriptorScopeList",
      `SELECT ConstantName AS AuthorizationScopeName, CodeValue
FROM ${ctx.ref(amt.CONFIG, "DescriptorMap")}
WHERE ConstantName IN (${amt.SCOPES.map(dialect.quote).join(", ")})
  AND DescriptorType = 'staffClassificationDescriptors'`,
    ),
  );
}
