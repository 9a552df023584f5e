// Dataform unit test(s) of AMT ews_StudentSectionGradeFact (AMT-SPEC §7.2, §11.3); rows are written with includes/amt_tests.js.
if (amt.collectionEnabled("ews")) {
  const { rows, date, none, sql, declareTest: declare } = amt_tests;

  // Letter-grade translation: a numeric grade wins; a letter alone takes the table's value, matched
  // upper-case without trailing blanks; an unknown letter or no grade at all gives 0.00; grade types not
  // mapped to GradingPeriod/Semester/Final are left out. A DS 5 grade names its grading period.
  const GT = (code) => `uri://ed-fi.org/GradeTypeDescriptor#${code}`;
  const grade = (section, type, numeric, letter, period = { period_sequence: 1, grading_period_name: none("STRING") }) => ({
    school_year: 2025, grade_type_descriptor: type, grade_type_descriptor_uri: GT(type), grading_period_descriptor: "First Six Weeks",
    grading_period_descriptor_uri: "uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks", grading_period_school_year: 2025, begin_date: date("2024-08-19"),
    local_course_code: "ALG-1", school_id: 867530011, student_section_association_school_year: 2025, section_identifier: section, session_name: "Fall",
    student_unique_id: "S1", numeric_grade_earned: numeric, letter_grade_earned: letter, ...period,
  });
  const gradingPeriod = (sequence, name) => ({
    school_year: 2025, grading_period_descriptor: "First Six Weeks", grading_period_descriptor_uri: "uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks",
    grading_period_name: name, school_id: 867530011, school_year_type_school_year: 2025, period_sequence: sequence, begin_date: date("2024-08-19"),
  });
  const inputs = {
      stg_grades: rows([
        grade("S-1", "Grading Period", sql(`CAST(88.5 AS ${dialect.sqlType("DECIMAL")})`), "B"),
        grade("S-2", "Grading Period", none("DECIMAL"), "b  "),
        grade("S-3", "Semester", none("DECIMAL"), "A-"),
        grade("S-4", "Final", none("DECIMAL"), none("STRING")),
        grade("S-5", "Progress Report", none("DECIMAL"), "A"),
        grade("S-6", "Grading Period", none("DECIMAL"), "F", { period_sequence: none("INT"), grading_period_name: "Fall 1" }),
      ]),
      stg_students: rows([{ school_year: 2025, student_unique_id: "S1" }]),
      stg_grading_periods: rows([gradingPeriod(1, none("STRING")), gradingPeriod(none("INT"), "Fall 1")]),
      ews_LetterGradeTranslation: rows(amt_config.DEFAULT_LETTER_GRADES),
      DescriptorMap: rows([
        { ConstantName: "GradeType.GradingPeriod", DescriptorUri: GT("Grading Period") },
        { ConstantName: "GradeType.Semester", DescriptorUri: GT("Semester") },
        { ConstantName: "GradeType.Final", DescriptorUri: GT("Final") },
      ]),
  };
  declare(
    "test_ews_StudentSectionGradeFact_letter_grades",
    "ews_StudentSectionGradeFact",
    inputs,
    rows(
      [
        ["S-1", 88.5, "B", "Grading Period"],
        ["S-2", 85, "b  ", "Grading Period"],
        ["S-3", 0, "A-", "Semester"],
        ["S-4", 0, "", "Final"],
        ["S-6", 55, "F", "Grading Period"],
      ].map(([section, numeric, letter, type]) => ({
        StudentKey: "S1", SchoolKey: "867530011", GradingPeriodKey: "First Six Weeks-867530011-20240819",
        StudentSectionKey: `S1-867530011-ALG-1-2025-${section}-Fall-20240819`, SectionKey: `867530011-ALG-1-2025-${section}-Fall`,
        NumericGradeEarned: sql(`CAST(${numeric} AS ${dialect.sqlType("DECIMAL")})`), LetterGradeEarned: letter, GradeType: type,
      })),
    ),
  );

  // The grades counted as 0.00 for want of a numeric grade and a translation, by letter as matched.
  declare(
    "test_ews_UntranslatedLetterGrade",
    "ews_UntranslatedLetterGrade",
    inputs,
    rows([
      { LetterGrade: "A-", Grades: 1 },
      { LetterGrade: "", Grades: 1 },
    ]),
  );
}
