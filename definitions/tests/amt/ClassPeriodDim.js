// Dataform unit test(s) of AMT ClassPeriodDim (AMT-SPEC §4.9); rows are written with includes/amt_tests.js.
const { rows, declareTest: declare } = amt_tests;

// Class period and section keys in the spec's part order.
declare(
  "test_ClassPeriodDim_keys",
  "ClassPeriodDim",
  {
    stg_sections__class_periods: rows([
      { parent_id: "s1", school_year: 2012, local_course_code: "ALG-1", school_id: 867530011, course_offering_school_year: 2012, section_identifier: "17128", session_name: "Traditional", class_period_name: "P1" },
    ]),
  },
  rows([
    {
      ClassPeriodKey: "P1-ALG-1-867530011-2012-17128-Traditional", SectionKey: "867530011-ALG-1-2012-17128-Traditional", ClassPeriodName: "P1", LocalCourseCode: "ALG-1",
      SchoolId: "867530011", SchoolKey: "867530011", SchoolYear: "2012", SectionIdentifier: "17128", SessionName: "Traditional",
    },
  ]),
);
