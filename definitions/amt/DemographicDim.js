// AMT-SPEC §4.6: every demographic value the bridges can reference, generated from the group list.
// [DemographicParentKey, descriptor]; CohortYear combines every school year with every cohort year type.
const GROUPS = [
  ["DisabilityDesignation", "disabilityDesignation"],
  ["Language", "language"],
  ["LanguageUse", "languageUse"],
  ["Race", "race"],
  ["TribalAffiliation", "tribalAffiliation"],
  ["StudentCharacteristic", "studentCharacteristic"],
  ["Disability", "disability"],
];

publish("DemographicDim", amt.config("DemographicDim")).query((ctx) => {
  const schoolYear = dialect.toText("y.record_school_year");
  const cohortYears = `SELECT 'CohortYear:' || ${schoolYear} || '-' || c.code_value AS DemographicKey, 'CohortYear' AS DemographicParentKey,
  ${schoolYear} || '-' || c.code_value AS DemographicLabel, c.short_description AS ShortDescription
FROM ${amt.source(ctx, "stg_school_year_types")} AS y
CROSS JOIN ${amt.descriptors(ctx, "cohortYearType")} AS c`;
  const groups = GROUPS.map(
    ([group, descriptor]) => `SELECT '${group}:' || c.code_value AS DemographicKey, '${group}' AS DemographicParentKey, c.code_value AS DemographicLabel, c.short_description AS ShortDescription
FROM ${amt.descriptors(ctx, descriptor)} AS c`,
  );
  return amt.shape("DemographicDim", [cohortYears, ...groups].join("\nUNION ALL\n"));
});
