// District override of the AMT descriptor mappings (AMT-SPEC §11.2). Edit this file, not SQL: for every
// constant that appears here, these rows REPLACE all default mappings of that constant (constants not
// listed keep their defaults, includes/amt_config.js). One row per code value:
//   { ConstantName: "AuthorizationScope.Section", DescriptorType: "staffClassificationDescriptors", CodeValue: "Substitute Teacher" }
// CodeValue is matched case-insensitively, ignoring trailing blanks. Optional NamespacePattern: an exact
// namespace or a LIKE pattern with % (default: any namespace). CodeValue "" marks a constant as
// intentionally unmapped. An unknown constant or a DescriptorType that differs from the constant's
// fails the compile; a rule that maps no descriptor of the lake is listed by
// analytics_config.DescriptorMapUnmatchedRule (npm run transform prints it as a warning). (A JS module
// rather than a CSV: the Dataform sandbox cannot read files.)
// Row-level security scopes (AMT-SPEC §11.4, §12.4) are rows of this file too: AuthorizationScope.District,
// .School or .Section with DescriptorType "staffClassificationDescriptors". They control who sees which
// students: keep changes under review; the effective list is analytics_config.rls_StaffClassificationDescriptorScopeList.
module.exports = [];
