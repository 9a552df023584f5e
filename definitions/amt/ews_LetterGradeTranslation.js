// analytics_config.ews_LetterGradeTranslation (AMT-SPEC §11.3, §12.3): the numeric value of a letter
// grade, the defaults or the district's includes/letter_grade_translation.js (checked when compiling).
// Equity reads it too (its grade summary uses EWS grade values); Equity brings EWS with it.
if (amt.collectionEnabled("ews")) {
  publish("ews_LetterGradeTranslation", {
    type: "table",
    schema: amt.CONFIG,
    tags: ["amt", "amt_config", "amt_ews"],
    description: "Numeric value of a letter grade, for grades without numericGradeEarned (AMT-SPEC §11.3): defaults of §12.3, replaced as a whole by includes/letter_grade_translation.js.",
    columns: {
      LetterGrade: "Letter grade, upper-case without trailing blanks; grades match it the same way (STRING).",
      NumericGrade: "Value substituted for a grade with this letter and no numeric grade, DECIMAL(9,2) (DECIMAL).",
    },
    assertions: { uniqueKey: ["LetterGrade"], nonNull: ["LetterGrade", "NumericGrade"] },
  }).query(() => amt.letterGradesQuery());
}
