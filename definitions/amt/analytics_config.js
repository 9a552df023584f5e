// analytics_config (AMT-SPEC §2.4, §11, §12): the descriptor constants, the mapping rules (defaults of
// includes/amt_config.js with the district's includes/descriptor_map.js applied) and the map resolved on
// every run against the descriptors present. Views test a meaning by joining DescriptorMap on the URI.
publish("DescriptorConstant", {
  type: "table",
  schema: amt.CONFIG,
  tags: ["amt", "amt_config"],
  description: "The fixed meanings AMT views test for (AMT-SPEC §12.1); code-owned, not for districts to edit.",
  columns: {
    ConstantName: "Name of the meaning, '<Domain>.<Meaning>', e.g. 'Address.Physical'.",
    DescriptorType: "API descriptor resource whose values may carry the meaning, e.g. 'addressTypeDescriptors'.",
    Collection: "AMT collection that seeds the constant.",
  },
  assertions: { uniqueKey: ["ConstantName"], nonNull: ["ConstantName", "DescriptorType"] },
}).query(() => amt.constantsQuery());

publish("DescriptorMapRule", {
  type: "table",
  schema: amt.CONFIG,
  tags: ["amt", "amt_config"],
  description: "Descriptor mapping rules: the defaults of AMT-SPEC §12.1, replaced per constant by the district's includes/descriptor_map.js.",
  columns: {
    ConstantName: "The constant (DescriptorConstant.ConstantName).",
    DescriptorType: "The constant's descriptor resource.",
    CodeValue: "Code value to map, compared case-insensitively and ignoring trailing blanks; '' maps nothing.",
    NamespacePattern: "Namespace, or LIKE pattern with %, the descriptor must have; NULL for any namespace.",
    Origin: "'default' (seeded) or 'district' (includes/descriptor_map.js).",
  },
  assertions: { nonNull: ["ConstantName", "DescriptorType", "CodeValue", "Origin"] },
}).query(() => amt.rulesQuery());

publish("DescriptorMap", {
  type: "table",
  schema: amt.CONFIG,
  tags: ["amt", "amt_config"],
  description: "Resolved descriptor map: every known descriptor (resource records and URIs referenced by the extracted data) that a rule maps to a constant, rebuilt on every run.",
  columns: {
    ConstantName: "The constant the descriptor carries.",
    DescriptorType: "API descriptor resource of the descriptor.",
    DescriptorUri: "Descriptor URI, namespace#codeValue, as references carry it.",
    Namespace: "Namespace part of the URI.",
    CodeValue: "Code value part of the URI.",
  },
  assertions: { uniqueKey: ["ConstantName", "DescriptorUri"], nonNull: ["ConstantName", "DescriptorUri"] },
}).query((ctx) => amt.resolvedMapQuery(ctx));

publish("DescriptorMapUnmatchedRule", {
  type: "view",
  schema: amt.CONFIG,
  tags: ["amt", "amt_config", "warnings"],
  description:
    "Mapping rules that map no known descriptor (AMT-SPEC §11.2 warnings): a district rule that matches nothing (a typo, another namespace), or a default rule of a constant that maps nothing at all. A view tested for a meaning then finds no rows; npm run transform prints these rows as warnings.",
  columns: {
    ConstantName: "The constant the rule maps to.",
    DescriptorType: "The constant's descriptor resource.",
    CodeValue: "The rule's code value, found in no descriptor of that type (and namespace pattern).",
    NamespacePattern: "The rule's namespace or LIKE pattern; NULL for any namespace.",
    Origin: "'default' (seeded) or 'district' (includes/descriptor_map.js).",
  },
}).query((ctx) => amt.unmatchedRulesQuery(ctx));

// Every rule names a seeded constant (the district file is also checked when compiling).
assert("DescriptorMapRule_constants_exist")
  .tags(["amt", "amt_config"])
  .query((ctx) => `SELECT r.ConstantName FROM ${ctx.ref(amt.CONFIG, "DescriptorMapRule")} AS r
LEFT JOIN ${ctx.ref(amt.CONFIG, "DescriptorConstant")} AS c ON c.ConstantName = r.ConstantName AND c.DescriptorType = r.DescriptorType
WHERE c.ConstantName IS NULL`);
