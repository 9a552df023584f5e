// Dataform unit test(s) of AMT StudentLocalEducationAgencyDemographicsBridge (AMT-SPEC §4.8); rows are written with includes/amt_tests.js.
const { rows, date, none, declareTest: declare } = amt_tests;

// District-level values count for a student currently enrolled at a school of that district (once, even
// with two such enrollments); a district where the enrollment has ended does not.
const seoaChild = (edorg, race) => ({ school_year: 2025, education_organization_id: edorg, student_unique_id: "1", race_descriptor: race });
const noRows = (column) => rows([], ["school_year", "education_organization_id", "student_unique_id", column]);
const enrollment = (school, exit) => ({ school_year: 2025, entry_date: date("2024-08-19"), school_id: school, student_unique_id: "1", exit_withdraw_date: exit });
declare(
  "test_StudentLocalEducationAgencyDemographicsBridge_enrolled_districts",
  "StudentLocalEducationAgencyDemographicsBridge",
  {
    stg_student_school_associations: rows([enrollment(11, none("DATE")), enrollment(12, none("DATE")), enrollment(21, date("2000-01-01"))]),
    stg_schools: rows([
      { school_year: 2025, school_id: 11, local_education_agency_id: 10 },
      { school_year: 2025, school_id: 12, local_education_agency_id: 10 },
      { school_year: 2025, school_id: 21, local_education_agency_id: 20 },
    ]),
    stg_student_education_organization_associations__races: rows([seoaChild(10, "White"), seoaChild(20, "Asian"), seoaChild(11, "Black")]),
    stg_student_education_organization_associations__cohort_years: rows([], ["school_year", "education_organization_id", "student_unique_id", "cohort_school_year", "cohort_year_type_descriptor"]),
    stg_student_education_organization_associations__characteristics: rows([], ["parent_id", "school_year", "education_organization_id", "student_unique_id", "student_characteristic_descriptor", "student_characteristic_descriptor_uri"]),
    stg_student_education_organization_associations__characteristic_periods: rows([], ["parent_id", "school_year", "education_organization_id", "student_unique_id", "student_characteristic_descriptor_uri", "end_date"]),
    stg_student_education_organization_associations__disabilities: noRows("disability_descriptor"),
    stg_student_education_organization_associations__disability_designations: noRows("disability_designation_descriptor"),
    stg_student_education_organization_associations__languages: noRows("language_descriptor"),
    stg_student_education_organization_associations__language_uses: noRows("language_use_descriptor"),
    stg_student_education_organization_associations__tribal_affiliations: noRows("tribal_affiliation_descriptor"),
  },
  rows([{ StudentSchoolDemographicBridgeKey: "Race:White-1-10", StudentLocalEducationAgencyKey: "1-10", DemographicKey: "Race:White" }]),
);
