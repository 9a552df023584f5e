// Dataform unit test(s) of AMT StaffSectionDim (AMT-SPEC §4.11); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, asOfPlus, declareTest: declare } = amt_tests;

// Current assignments only (ending today is not current); one row per staff e-mail; Race: none →
// 'Unknown', one → its short description, several → 'Multiracial'; descriptors by short description.
const assignment = (staff, section, end) => ({
  school_year: 2025, begin_date: date("2024-08-19"), staff_unique_id: staff, local_course_code: "ALG", school_id: 1, section_school_year: 2025, section_identifier: section,
  session_name: "Fall", end_date: end, last_modified_date: timestamp("2024-07-01 00:00:00"),
});
const staff = (id, unique) => ({
  id, school_year: 2025, staff_unique_id: unique, personal_title_prefix: null, first_name: "Pat", middle_name: null, last_surname: unique, sex_descriptor_uri: "uri://ed-fi.org/SexDescriptor#Female",
  birth_date: date("1980-02-03"), hispanic_latino_ethnicity: null, highest_completed_level_of_education_descriptor_uri: null, years_of_prior_professional_experience: null,
  years_of_prior_teaching_experience: 2.5, highly_qualified_teacher: true, login_id: null, last_modified_date: timestamp("2024-07-02 00:00:00"),
});
const race = (parent, code) => ({ parent_id: parent, school_year: 2025, staff_unique_id: parent, race_descriptor_uri: `uri://ed-fi.org/RaceDescriptor#${code}` });
const descriptor = (uri, short) => ({ school_year: 2025, namespace: uri.split("#")[0], code_value: uri.split("#")[1], uri, short_description: short });
declare(
  "test_StaffSectionDim_current_emails_races",
  "StaffSectionDim",
  {
    stg_staff_section_associations: rows([assignment("A", "S1", none("DATE")), assignment("A", "S2", asOfPlus(0)), assignment("B", "S1", asOfPlus(1)), assignment("C", "S1", none("DATE"))]),
    stg_staffs: rows([staff("a", "A"), staff("b", "B"), staff("c", "C")]),
    stg_staffs__electronic_mails: rows([
      { parent_id: "a", school_year: 2025, staff_unique_id: "A", electronic_mail_address: "a@work.org" },
      { parent_id: "a", school_year: 2025, staff_unique_id: "A", electronic_mail_address: "a@home.org" },
    ]),
    stg_staffs__races: rows([race("b", "White"), race("b", "Asian"), race("c", "White")]),
    stg_race_descriptors: rows([descriptor("uri://ed-fi.org/RaceDescriptor#White", "Wh"), descriptor("uri://ed-fi.org/RaceDescriptor#Asian", "As")]),
    stg_sex_descriptors: rows([descriptor("uri://ed-fi.org/SexDescriptor#Female", "F")]),
    stg_level_of_education_descriptors: rows([], ["school_year", "namespace", "code_value", "uri", "short_description"]),
  },
  rows(
    [
      ["A", "a@work.org", "Unknown"],
      ["A", "a@home.org", "Unknown"],
      ["B", "", "Multiracial"],
      ["C", "", "Wh"],
    ].map(([unique, email, race]) => ({
      StaffSectionKey: `${unique}-1-ALG-2025-S1-Fall`, UserKey: unique, SchoolKey: "1", SectionKey: "1-ALG-2025-S1-Fall", PersonalTitlePrefix: "", StaffFirstName: "Pat", StaffMiddleName: "",
      StaffLastName: unique, ElectronicMailAddress: email, Sex: "F", BirthDate: "1980-02-03", Race: race, HispanicLatinoEthnicity: false, HighestCompletedLevelOfEducation: "",
      YearsOfPriorProfessionalExperience: 0, YearsOfPriorTeachingExperience: 2.5, HighlyQualifiedTeacher: true, LoginId: "", LastModifiedDate: timestamp("2024-07-02 00:00:00"),
    })),
  ),
);
