// Dataform unit test(s) of AMT StudentLocalEducationAgencyDim (AMT-SPEC §4.12); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, declareTest: declare } = amt_tests;

// District-level records only, once per current enrollment of the student (AMT's grain); defaults
// 'Not Applicable' and 'n/a'; the district view reads the "Internet Performance" indicator.
const enrollment = (school, exit) => ({ school_year: 2025, entry_date: date("2024-08-19"), school_id: school, student_unique_id: "S", exit_withdraw_date: exit, last_modified_date: timestamp("2024-07-03 00:00:00") });
const seoa = (id, edorg) => ({ id, school_year: 2025, education_organization_id: edorg, student_unique_id: "S", sex_descriptor: "Female", hispanic_latino_ethnicity: null, limited_english_proficiency_descriptor: null, last_modified_date: timestamp("2024-07-02 00:00:00") });
const indicator = (name, value) => ({ parent_id: "d", school_year: 2025, education_organization_id: 10, student_unique_id: "S", indicator_name: name, indicator: value });
const expected = {
  StudentLocalEducationAgencyKey: "S-10", StudentKey: "S", LocalEducationAgencyKey: "10", StudentFirstName: "Sam", StudentMiddleName: "", StudentLastName: "Lee",
  LimitedEnglishProficiency: "Not Applicable", IsHispanic: false, Sex: "Female", InternetAccessInResidence: "n/a", InternetAccessTypeInResidence: "n/a", InternetPerformance: "Good",
  DigitalDevice: "n/a", DeviceAccess: "n/a", LastModifiedDate: timestamp("2024-07-03 00:00:00"),
};
declare(
  "test_StudentLocalEducationAgencyDim_district_records",
  "StudentLocalEducationAgencyDim",
  {
    stg_students: rows([{ school_year: 2025, student_unique_id: "S", first_name: "Sam", middle_name: null, last_surname: "Lee", last_modified_date: timestamp("2024-07-01 00:00:00") }]),
    stg_student_school_associations: rows([enrollment(1, none("DATE")), enrollment(2, none("DATE")), enrollment(3, date("2000-01-01"))]),
    stg_student_education_organization_associations: rows([seoa("d", 10), seoa("s", 1)]),
    stg_student_education_organization_associations__indicators: rows([indicator("Internet Performance", "Good"), indicator("Internet Performance In Residence", "Poor")]),
    stg_local_education_agencies: rows([{ school_year: 2025, local_education_agency_id: 10 }]),
  },
  rows([expected, expected]),
);
