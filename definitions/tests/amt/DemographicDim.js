// Dataform unit test(s) of AMT DemographicDim (AMT-SPEC §4.6); rows are written with includes/amt_tests.js.
const { rows, declareTest: declare } = amt_tests;

// Cohort years combine every school year with every cohort year type; other groups list their
// descriptors with the code value as label.
const descriptor = (code, short) => ({ school_year: 2025, namespace: "uri://ed-fi.org/X", code_value: code, short_description: short });
const noDescriptors = rows([], ["school_year", "namespace", "code_value", "short_description"]);
declare(
  "test_DemographicDim_groups",
  "DemographicDim",
  {
    stg_school_year_types: rows([{ school_year: 2025, record_school_year: 2024 }, { school_year: 2025, record_school_year: 2025 }]),
    stg_cohort_year_type_descriptors: rows([descriptor("Ninth grade", "9th")]),
    stg_race_descriptors: rows([descriptor("White", "W")]),
    stg_disability_descriptors: rows([descriptor("Deaf", "D")]),
    stg_disability_designation_descriptors: noDescriptors,
    stg_language_descriptors: noDescriptors,
    stg_language_use_descriptors: noDescriptors,
    stg_tribal_affiliation_descriptors: noDescriptors,
    stg_student_characteristic_descriptors: noDescriptors,
  },
  rows([
    { DemographicKey: "CohortYear:2024-Ninth grade", DemographicParentKey: "CohortYear", DemographicLabel: "2024-Ninth grade", ShortDescription: "9th" },
    { DemographicKey: "CohortYear:2025-Ninth grade", DemographicParentKey: "CohortYear", DemographicLabel: "2025-Ninth grade", ShortDescription: "9th" },
    { DemographicKey: "Race:White", DemographicParentKey: "Race", DemographicLabel: "White", ShortDescription: "W" },
    { DemographicKey: "Disability:Deaf", DemographicParentKey: "Disability", DemographicLabel: "Deaf", ShortDescription: "D" },
  ]),
);
