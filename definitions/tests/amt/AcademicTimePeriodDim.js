// Dataform unit test(s) of AMT AcademicTimePeriodDim (AMT-SPEC §4.18, §3.4); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, declareTest: declare } = amt_tests;

// A session's grading periods matched by period sequence (DS 4) or by name (DS 5), future ones
// included; keys with term and grading period code values.
const GP = "uri://ed-fi.org/GradingPeriodDescriptor#";
const session = (id, name) => ({ id, school_year: 2025, school_id: 1, school_year_type_school_year: 2025, session_name: name, term_descriptor: "Fall Semester", term_descriptor_uri: "uri://ed-fi.org/TermDescriptor#Fall Semester", last_modified_date: timestamp("2024-07-01 00:00:00") });
const reference = (parent, code, sequence, name) => ({ parent_id: parent, school_year: 2025, school_id: 1, school_year_type_school_year: 2025, session_name: parent === "ds4" ? "Fall4" : "Fall5", grading_period_descriptor_uri: GP + code, period_sequence: sequence, grading_period_name: name, grading_period_school_id: 1 });
const period = (code, sequence, name, begin) => ({ school_year: 2025, grading_period_descriptor: code, grading_period_descriptor_uri: GP + code, grading_period_name: name, school_id: 1, school_year_type_school_year: 2025, period_sequence: sequence, begin_date: date(begin), last_modified_date: timestamp("2024-07-05 00:00:00") });
declare(
  "test_AcademicTimePeriodDim_ds4_and_ds5_references",
  "AcademicTimePeriodDim",
  {
    stg_school_year_types: rows([{ school_year: 2025, record_school_year: 2025, school_year_description: "2024-2025", current_school_year: true, last_modified_date: timestamp("2024-07-02 00:00:00") }]),
    stg_sessions: rows([session("ds4", "Fall4"), session("ds5", "Fall5")]),
    stg_term_descriptors: rows([{ school_year: 2025, namespace: "uri://ed-fi.org/TermDescriptor", code_value: "Fall Semester", uri: "uri://ed-fi.org/TermDescriptor#Fall Semester", description: "Fall Semester" }]),
    stg_sessions__grading_periods: rows([reference("ds4", "First", 1, null), reference("ds5", "Second", null, "Second Nine Weeks")]),
    stg_grading_periods: rows([period("First", 1, null, "2024-08-19"), period("Second", null, "Second Nine Weeks", "2099-10-21")]),
    stg_grading_period_descriptors: rows([
      { school_year: 2025, namespace: "uri://ed-fi.org/GradingPeriodDescriptor", code_value: "First", uri: GP + "First", description: "First Nine Weeks" },
      { school_year: 2025, namespace: "uri://ed-fi.org/GradingPeriodDescriptor", code_value: "Second", uri: GP + "Second", description: "Second Nine Weeks" },
    ]),
  },
  rows(
    [
      ["Fall4", "First", "20240819", "First Nine Weeks"],
      ["Fall5", "Second", "20991021", "Second Nine Weeks"],
    ].map(([sessionName, code, begin, name]) => ({
      AcademicTimePeriodKey: `1-2025-Fall Semester-${code}-${begin}`, SchoolYear: "2025", SchoolYearName: "2024-2025", IsCurrentSchoolYear: true, SchoolKey: "1", SessionKey: `1-2025-${sessionName}`,
      SessionName: sessionName, TermName: "Fall Semester", GradingPeriodKey: `${code}-1-${begin}`, GradingPeriodName: name, LastModifiedDate: timestamp("2024-07-05 00:00:00"),
    })),
  ),
);
