// Dataform unit test(s) of AMT StudentProgramDim (AMT-SPEC §4.13); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, declareTest: declare } = amt_tests;

// The key repeats the program's education organization; the program type appears as its code value
// (§3.2); only current enrollments; LastModifiedDate of student and enrollment only.
const PROGRAM = { program_name: "Special Education", program_type_descriptor: "Special Education", program_type_descriptor_uri: "uri://ed-fi.org/ProgramTypeDescriptor#Special Education" };
const enrollment = (school, exit) => ({ school_year: 2025, entry_date: date("2024-08-19"), school_id: school, student_unique_id: "190009", exit_withdraw_date: exit, last_modified_date: timestamp("2024-07-03 00:00:00") });
declare(
  "test_StudentProgramDim_key_and_current_enrollments",
  "StudentProgramDim",
  {
    stg_programs: rows([{ school_year: 2025, education_organization_id: 867530, ...PROGRAM }]),
    stg_student_program_associations: rows([
      { school_year: 2025, begin_date: date("2006-08-14"), education_organization_id: 867530, program_education_organization_id: 867530, student_unique_id: "190009", ...PROGRAM, last_modified_date: timestamp("2024-07-09 00:00:00") },
    ]),
    stg_students: rows([{ school_year: 2025, student_unique_id: "190009", last_modified_date: timestamp("2024-07-01 00:00:00") }]),
    stg_student_school_associations: rows([enrollment(867530020, none("DATE")), enrollment(867530021, date("2000-01-01"))]),
  },
  rows([
    {
      StudentSchoolProgramKey: "190009-867530020-Special Education-Special Education-867530-867530-20060814", BeginDateKey: "20060814", EducationOrganizationId: "867530",
      EducationOrganizationKey: "867530", ProgramName: "Special Education", StudentKey: "190009", SchoolKey: "867530020", StudentSchoolKey: "190009-867530020",
      LastModifiedDate: timestamp("2024-07-03 00:00:00"),
    },
  ]),
);
