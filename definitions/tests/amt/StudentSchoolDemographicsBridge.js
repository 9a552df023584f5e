// Dataform unit test(s) of AMT StudentSchoolDemographicsBridge (AMT-SPEC §4.7, §4.6); rows are written with includes/amt_tests.js.
const { rows, date, none, asOfPlus, declareTest: declare } = amt_tests;

// Values recorded at a school count for a current enrollment there only; a characteristic counts with no
// period or a period not ended by the as-of date.
const seoaChild = (school, over) => ({ school_year: 2025, education_organization_id: school, student_unique_id: "1", ...over });
const noRows = (column) => rows([], ["school_year", "education_organization_id", "student_unique_id", column]);
const characteristic = (code) => seoaChild(10, { parent_id: "p10", student_characteristic_descriptor: code, student_characteristic_descriptor_uri: `uri://ed-fi.org/StudentCharacteristicDescriptor#${code}` });
declare(
  "test_StudentSchoolDemographicsBridge_current_values",
  "StudentSchoolDemographicsBridge",
  {
    stg_student_school_associations: rows([
      { school_year: 2025, entry_date: date("2024-08-19"), school_id: 10, student_unique_id: "1", exit_withdraw_date: none("DATE") },
      { school_year: 2025, entry_date: date("1999-08-19"), school_id: 20, student_unique_id: "1", exit_withdraw_date: date("2000-01-01") },
    ]),
    stg_student_education_organization_associations__races: rows([seoaChild(10, { race_descriptor: "White" }), seoaChild(20, { race_descriptor: "Asian" })]),
    stg_student_education_organization_associations__cohort_years: rows([seoaChild(10, { cohort_school_year: 2012, cohort_year_type_descriptor: "Ninth grade" })]),
    stg_student_education_organization_associations__characteristics: rows([characteristic("Homeless"), characteristic("Migrant"), characteristic("Immigrant")]),
    stg_student_education_organization_associations__characteristic_periods: rows([
      { ...characteristic("Homeless"), end_date: date("2000-06-30") },
      { ...characteristic("Immigrant"), end_date: asOfPlus(1) },
    ]),
    stg_student_education_organization_associations__disabilities: noRows("disability_descriptor"),
    stg_student_education_organization_associations__disability_designations: noRows("disability_designation_descriptor"),
    stg_student_education_organization_associations__languages: noRows("language_descriptor"),
    stg_student_education_organization_associations__language_uses: noRows("language_use_descriptor"),
    stg_student_education_organization_associations__tribal_affiliations: noRows("tribal_affiliation_descriptor"),
  },
  rows(
    ["Race:White", "CohortYear:2012-Ninth grade", "StudentCharacteristic:Migrant", "StudentCharacteristic:Immigrant"].map((key) => ({
      StudentSchoolDemographicBridgeKey: `${key}-1-10`,
      StudentSchoolKey: "1-10",
      DemographicKey: key,
    })),
  ),
);
