// AMT-SPEC §7.2: grading-period, semester and final grades (grade types by the descriptor map), with a
// numeric value for letter-only grades from analytics_config.ews_LetterGradeTranslation. Descriptor
// code values stand in for AMT's descriptor ids in the keys (§3.2).
//
// A table, not incremental: rows change without a change to the grade (its grading period's begin date
// is in the key, the letter-grade table and the descriptor map are district-edited), and a deleted grade
// leaves no trace once staging applied the delete, so only a full build is exact.
if (amt.collectionEnabled("ews")) {
  const grades = ["GradeType.GradingPeriod", "GradeType.Semester", "GradeType.Final"];
  publish("ews_StudentSectionGradeFact", amt.collectionConfig("ews_StudentSectionGradeFact")).query((ctx) => {
    const section = ["g.school_id", "g.local_course_code", "g.student_section_association_school_year", "g.section_identifier", "g.session_name"];
    return amt.shape(
      "ews_StudentSectionGradeFact",
      `SELECT
  g.student_unique_id AS StudentKey,
  ${dialect.toText("g.school_id")} AS SchoolKey,
  ${amt.k("g.grading_period_descriptor", "g.school_id", dialect.ymd("g.grading_period_begin_date"))} AS GradingPeriodKey,
  ${amt.k("g.student_unique_id", ...section, dialect.ymd("g.begin_date"))} AS StudentSectionKey,
  ${amt.k(...section)} AS SectionKey,
  g.grade_value AS NumericGradeEarned,
  COALESCE(g.letter_grade_earned, '') AS LetterGradeEarned,
  g.grade_type_descriptor AS GradeType
FROM ${amt.gradesOfTypes(ctx, grades)} AS g`,
    );
  });

  // AMT-SPEC §11.3's optional report: the grades NumericGradeEarned counts as 0.00, by letter. Tagged
  // warnings: npm run transform prints them (districts with +/- grades add rows to the translation).
  publish("ews_UntranslatedLetterGrade", {
    type: "view",
    schema: amt.CONFIG,
    tags: ["amt", "amt_ews", "warnings"],
    description: "Letter grades of ews_StudentSectionGradeFact without a numeric grade or a row in ews_LetterGradeTranslation, so counted as 0.00 (AMT parity), with how many grades each.",
    columns: {
      LetterGrade: "The letter as matched against the translation table (upper case, trailing blanks removed); '' for a grade with neither letter nor number.",
      Grades: "How many grades of ews_StudentSectionGradeFact have it.",
    },
  }).query(
    (ctx) => `SELECT COALESCE(UPPER(RTRIM(g.letter_grade_earned)), '') AS LetterGrade, COUNT(*) AS Grades
FROM ${amt.gradesOfTypes(ctx, grades)} AS g
WHERE g.grade_value_fallback
GROUP BY 1`,
  );
}
