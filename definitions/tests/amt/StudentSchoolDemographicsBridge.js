// Dataform unit test(s) of AMT StudentSchoolDemographicsBridge (AMT-SPEC §4.7, §4.6); rows are written with includes/amt_tests.js.
const { rows, date, none, asOfPlus, seoaDemographics, declareTest: declare } = amt_tests;

// Values recorded at a school count for a current enrollment there only; a characteristic counts with no
// period or a period not ended by the as-of date.
const seoaChild = (school, over) => ({ parent_id: `p${school}`, school_year: 2025, education_organization_id: school, student_unique_id: "1", ...over });
const characteristic = (code) => seoaChild(10, { student_characteristic_descriptor: code, student_characteristic_descriptor_uri: `uri://ed-fi.org/StudentCharacteristicDescriptor#${code}` });
declare(
  "test_StudentSchoolDemographicsBridge_current_values",
  "StudentSchoolDemographicsBridge",
  {
    stg_student_school_associations: rows([
      { school_year: 2025, entry_date: date("2024-08-19"), school_id: 10, student_unique_id: "1", exit_withdraw_date: none("DATE") },
      { school_year: 2025, entry_date: date("1999-08-19"), school_id: 20, student_unique_id: "1", exit_withdraw_date: date("2000-01-01") },
    ]),
    ...seoaDemographics({
      races: rows([seoaChild(10, { race_descriptor: "White" }), seoaChild(20, { race_descriptor: "Asian" })]),
      cohort_years: rows([seoaChild(10, { cohort_school_year: 2012, cohort_year_type_descriptor: "Ninth grade" })]),
      characteristics: rows([characteristic("Homeless"), characteristic("Migrant"), characteristic("Immigrant")]),
      characteristic_periods: rows([
        { ...characteristic("Homeless"), end_date: date("2000-06-30") },
        { ...characteristic("Immigrant"), end_date: asOfPlus(1) },
      ]),
    }),
  },
  rows(
    ["Race:White", "CohortYear:2012-Ninth grade", "StudentCharacteristic:Migrant", "StudentCharacteristic:Immigrant"].map((key) => ({
      StudentSchoolDemographicBridgeKey: `${key}-1-10`,
      StudentSchoolKey: "1-10",
      DemographicKey: key,
    })),
  ),
);

// A record extracted for two years counts as of its newest year, lists included: an empty list there
// (no races in 2025) leaves no value, whatever the 2024 record listed.
const seoaOf = (id, year) => ({ id, school_year: year, education_organization_id: 10, student_unique_id: "1" });
const childOf = (id, year, over) => ({ parent_id: id, school_year: year, education_organization_id: 10, student_unique_id: "1", ...over });
declare(
  "test_StudentSchoolDemographicsBridge_newest_year_lists",
  "StudentSchoolDemographicsBridge",
  {
    stg_student_school_associations: rows([{ school_year: 2025, entry_date: date("2024-08-19"), school_id: 10, student_unique_id: "1", exit_withdraw_date: none("DATE") }]),
    stg_student_education_organization_associations: rows([seoaOf("p24", 2024), seoaOf("p25", 2025)]),
    ...seoaDemographics({
      races: rows([childOf("p24", 2024, { race_descriptor: "White" })]),
      languages: rows([childOf("p24", 2024, { language_descriptor: "English" }), childOf("p25", 2025, { language_descriptor: "Spanish" })]),
    }),
  },
  rows([{ StudentSchoolDemographicBridgeKey: "Language:Spanish-1-10", StudentSchoolKey: "1-10", DemographicKey: "Language:Spanish" }]),
);
