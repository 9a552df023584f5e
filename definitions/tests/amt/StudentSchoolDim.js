// Dataform unit test(s) of AMT StudentSchoolDim (AMT-SPEC §4.14, §4.15, §2.5, §2.6); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, asOfPlus, sql, declareTest: declare } = amt_tests;

// Enrollments around the as-of date (exit today is not current, exit tomorrow is); demographics from the
// school's record, else the district's, column by column; LastModifiedDate skips the missing record.
const ssa = (school, exit) => ({ school_year: 2025, entry_date: date("2024-08-19"), school_id: school, student_unique_id: "189854", exit_withdraw_date: exit, entry_grade_level_descriptor: "Ninth grade", school_year_type_school_year: 2025, last_modified_date: timestamp("2024-07-09 00:00:00") });
const seoa = (id, edorg, over) => ({ id, school_year: 2025, education_organization_id: edorg, student_unique_id: "189854", sex_descriptor: null, hispanic_latino_ethnicity: null, limited_english_proficiency_descriptor: null, ...over });
const studentSchoolInputs = {
  stg_student_school_associations: rows([ssa(1, none("DATE")), ssa(2, asOfPlus(0)), ssa(3, asOfPlus(1))]),
  stg_students: rows([{ school_year: 2025, student_unique_id: "189854", first_name: "Ana", middle_name: null, last_surname: "Diaz", birth_date: date("2010-01-02"), last_modified_date: timestamp("2024-07-01 00:00:00") }]),
  stg_schools: rows([1, 2, 3].map((school) => ({ school_year: 2025, school_id: school, local_education_agency_id: 10 }))),
  stg_student_education_organization_associations: rows([
    seoa("s", 1, { sex_descriptor: "Female", last_modified_date: timestamp("2024-07-03 00:00:00") }),
    seoa("d", 10, { sex_descriptor: "Male", hispanic_latino_ethnicity: true, limited_english_proficiency_descriptor: "Limited", last_modified_date: timestamp("2024-07-02 00:00:00") }),
  ]),
  stg_student_education_organization_associations__indicators: rows([
    { parent_id: "d", school_year: 2025, education_organization_id: 10, student_unique_id: "189854", indicator_name: "Internet Access In Residence", indicator: "Yes" },
  ]),
};
const enrollment = (school, over) => ({
  StudentSchoolKey: `189854-${school}`, StudentKey: "189854", SchoolKey: String(school), SchoolYear: "2025", StudentFirstName: "Ana", StudentMiddleName: "", StudentLastName: "Diaz",
  BirthDate: date("2010-01-02"), EnrollmentDateKey: "2024-08-19", GradeLevel: "Ninth grade", LimitedEnglishProficiency: "Limited", IsHispanic: true, Sex: "Male",
  InternetAccessInResidence: "Yes", InternetAccessTypeInResidence: "n/a", InternetPerformance: "n/a", DigitalDevice: "n/a", DeviceAccess: "n/a",
  LastModifiedDate: timestamp("2024-07-02 00:00:00"), ...over,
});
const atSchool1 = { Sex: "Female", LastModifiedDate: timestamp("2024-07-03 00:00:00") };
declare("test_StudentSchoolDim_current_enrollments", "StudentSchoolDim", studentSchoolInputs, rows([enrollment(1, atSchool1), enrollment(3, {})]));
const all = (school, enrolled, exit, over) => ({ AllStudentSchoolKey: `189854-${school}-20240819`, ...enrollment(school, over), IsEnrolled: enrolled, ExitWithdrawDate: exit });
declare(
  "test_AllStudentSchoolDim_every_enrollment",
  "AllStudentSchoolDim",
  studentSchoolInputs,
  rows([all(1, true, "", atSchool1), all(2, false, sql(dialect.iso(dialect.asOfDate())), {}), all(3, true, sql(dialect.iso(asOfPlus(1).sql)), {})]),
);
