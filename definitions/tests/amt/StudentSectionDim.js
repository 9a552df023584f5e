// Dataform unit test(s) of AMT StudentSectionDim (AMT-SPEC §4.17); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, declareTest: declare } = amt_tests;

// Every assigned staff member's name, joined with ', ' in name order ('' when none); an open enrollment
// keeps a NULL end date key; LastModifiedDate includes the subject descriptor's.
const enrollment = (section, end) => ({
  school_year: 2025, begin_date: date("2011-08-22"), local_course_code: "CAFR41", school_id: 867530022, section_school_year: 2012, section_identifier: section, session_name: "Traditional",
  student_unique_id: "190276", end_date: end, last_modified_date: timestamp("2024-07-01 00:00:00"),
});
const assignment = (staff) => ({ school_year: 2025, begin_date: date("2011-08-22"), staff_unique_id: staff, local_course_code: "CAFR41", school_id: 867530022, section_school_year: 2012, section_identifier: "17128", session_name: "Traditional" });
declare(
  "test_StudentSectionDim_teachers_and_dates",
  "StudentSectionDim",
  {
    stg_student_section_associations: rows([enrollment("17128", none("DATE")), enrollment("17129", date("2011-12-20"))]),
    stg_students: rows([{ school_year: 2025, student_unique_id: "190276" }]),
    stg_course_offerings: rows([{ school_year: 2025, local_course_code: "CAFR41", school_id: 867530022, session_school_year: 2012, session_name: "Traditional", course_code: "FR-4", education_organization_id: 867530, last_modified_date: timestamp("2024-07-02 00:00:00") }]),
    stg_courses: rows([{ id: "c1", school_year: 2025, course_code: "FR-4", education_organization_id: 867530, course_title: "French IV", academic_subject_descriptor_uri: "uri://ed-fi.org/AcademicSubjectDescriptor#Foreign Language", last_modified_date: timestamp("2024-07-01 00:00:00") }]),
    stg_courses__academic_subjects: rows([], ["parent_id", "school_year", "course_code", "education_organization_id", "academic_subject_descriptor_uri"]),
    stg_academic_subject_descriptors: rows([{ school_year: 2025, namespace: "uri://ed-fi.org/AcademicSubjectDescriptor", code_value: "Foreign Language", uri: "uri://ed-fi.org/AcademicSubjectDescriptor#Foreign Language", description: "Foreign Language and Literature", last_modified_date: timestamp("2024-07-04 00:00:00") }]),
    stg_staff_section_associations: rows([assignment("T2"), assignment("T1")]),
    stg_staffs: rows([
      { school_year: 2025, staff_unique_id: "T1", first_name: "Cy", last_surname: "Dee" },
      { school_year: 2025, staff_unique_id: "T2", first_name: "Ann", last_surname: "Bo" },
    ]),
  },
  rows(
    [
      ["17128", "Ann Bo, Cy Dee", none("STRING")],
      ["17129", "", "20111220"],
    ].map(([section, teachers, endKey]) => ({
      StudentSectionKey: `190276-867530022-CAFR41-2012-${section}-Traditional-20110822`, StudentSchoolKey: "190276-867530022", StudentKey: "190276",
      SectionKey: `867530022-CAFR41-2012-${section}-Traditional`, LocalCourseCode: "CAFR41", Subject: "Foreign Language and Literature", CourseTitle: "French IV", TeacherName: teachers,
      StudentSectionStartDateKey: "20110822", StudentSectionEndDateKey: endKey, SchoolKey: "867530022", SchoolYear: "2012", LastModifiedDate: timestamp("2024-07-04 00:00:00"),
    })),
  ),
);
