// Dataform unit test(s) of AMT SectionDim (AMT-SPEC §4.16, §3.4); rows are written with includes/amt_tests.js.
const { rows, timestamp, declareTest: declare } = amt_tests;

// The session is matched on the course's education organization: a district-level course gets no
// session or term. Subjects: DS 4's single descriptor, or the first of DS 5's collection.
const section = (code, id) => ({ school_year: 2025, local_course_code: code, school_id: 1, course_offering_school_year: 2025, section_identifier: id, session_name: "Fall", educational_environment_descriptor_uri: "uri://ed-fi.org/EducationalEnvironmentDescriptor#Classroom", last_modified_date: timestamp("2024-07-01 00:00:00") });
const offering = (code, course, edorg) => ({ school_year: 2025, local_course_code: code, school_id: 1, session_school_year: 2025, session_name: "Fall", course_code: course, education_organization_id: edorg });
const descriptor = (type, code, description) => ({ school_year: 2025, namespace: `uri://ed-fi.org/${type}`, code_value: code, uri: `uri://ed-fi.org/${type}#${code}`, description });
const subject = (code) => `uri://ed-fi.org/AcademicSubjectDescriptor#${code}`;
declare(
  "test_SectionDim_session_and_subjects",
  "SectionDim",
  {
    stg_sections: rows([section("ALG", "S1"), section("ART", "S2")]),
    stg_course_offerings: rows([offering("ALG", "ALG-1", 10), offering("ART", "ART-1", 1)]),
    stg_courses: rows([
      { id: "c1", school_year: 2025, course_code: "ALG-1", education_organization_id: 10, course_title: "Algebra I", academic_subject_descriptor_uri: subject("Mathematics") },
      { id: "c2", school_year: 2025, course_code: "ART-1", education_organization_id: 1, course_title: "Visual Arts", academic_subject_descriptor_uri: null },
    ]),
    stg_courses__academic_subjects: rows([
      { parent_id: "c2", school_year: 2025, course_code: "ART-1", education_organization_id: 1, academic_subject_descriptor_uri: subject("Fine Arts") },
      { parent_id: "c2", school_year: 2025, course_code: "ART-1", education_organization_id: 1, academic_subject_descriptor_uri: subject("Other") },
    ]),
    stg_schools: rows([{ school_year: 2025, school_id: 1, local_education_agency_id: 10 }]),
    stg_academic_subject_descriptors: rows([descriptor("AcademicSubjectDescriptor", "Mathematics", "Math"), descriptor("AcademicSubjectDescriptor", "Fine Arts", "Fine and Performing Arts")]),
    stg_educational_environment_descriptors: rows([descriptor("EducationalEnvironmentDescriptor", "Classroom", "Classroom setting")]),
    stg_sessions: rows([
      { school_year: 2025, school_id: 1, school_year_type_school_year: 2025, session_name: "Fall", term_descriptor_uri: "uri://ed-fi.org/TermDescriptor#Fall Semester" },
      { school_year: 2025, school_id: 10, school_year_type_school_year: 2024, session_name: "Fall", term_descriptor_uri: "uri://ed-fi.org/TermDescriptor#Fall Semester" },
    ]),
    stg_term_descriptors: rows([descriptor("TermDescriptor", "Fall Semester", "Fall Semester term")]),
  },
  rows([
    {
      SchoolKey: "1", SectionKey: "1-ALG-2025-S1-Fall", Description: "Math-(ALG)-Algebra I-", SectionName: "ALG-", SessionName: "Fall", LocalCourseCode: "ALG", SchoolYear: "2025",
      EducationalEnvironmentDescriptor: "Classroom setting", LocalEducationAgencyKey: "10", LastModifiedDate: timestamp("2024-07-01 00:00:00"), CourseTitle: "Algebra I", SessionKey: "1-2025-Fall",
    },
    {
      SchoolKey: "1", SectionKey: "1-ART-2025-S2-Fall", Description: "Fine and Performing Arts-(ART)-Visual Arts-Fall Semester term", SectionName: "ART-Fall", SessionName: "Fall", LocalCourseCode: "ART",
      SchoolYear: "2025", EducationalEnvironmentDescriptor: "Classroom setting", LocalEducationAgencyKey: "10", LastModifiedDate: timestamp("2024-07-01 00:00:00"), CourseTitle: "Visual Arts", SessionKey: "1-2025-Fall",
    },
  ]),
);
