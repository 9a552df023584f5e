// Dataform unit test(s) of AMT StudentLocalEducationAgencyDemographicsBridge (AMT-SPEC §4.8); rows are written with includes/amt_tests.js.
const { rows, date, none, seoaDemographics, declareTest: declare } = amt_tests;

// District-level values count for a student currently enrolled at a school of that district (once, even
// with two such enrollments); a district where the enrollment has ended does not.
const seoaChild = (edorg, race) => ({ parent_id: `p${edorg}`, school_year: 2025, education_organization_id: edorg, student_unique_id: "1", race_descriptor: race });
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
    ...seoaDemographics({ races: rows([seoaChild(10, "White"), seoaChild(20, "Asian"), seoaChild(11, "Black")]) }),
  },
  rows([{ StudentSchoolDemographicBridgeKey: "Race:White-1-10", StudentLocalEducationAgencyKey: "1-10", DemographicKey: "Race:White" }]),
);
