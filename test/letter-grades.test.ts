// The EWS letter-grade translation (AMT-SPEC §11.3, §12.3): the seeded defaults, and the district's
// includes/letter_grade_translation.js, which replaces the whole table and is checked when compiling.
import { createRequire } from "node:module";

type Row = { LetterGrade: unknown; NumericGrade: unknown };
const { letterGrades } = createRequire(import.meta.url)("../includes/amt_config.js") as { letterGrades: (overrides?: Row[]) => Row[] };

describe("ews_LetterGradeTranslation rows", () => {
  test("without district rows: the five defaults of AMT-SPEC §12.3", () => {
    expect(letterGrades([])).toEqual(["A", "B", "C", "D", "F"].map((LetterGrade, i) => ({ LetterGrade, NumericGrade: 95 - 10 * i })));
  });

  test("district rows replace the whole table, letters upper-case without trailing blanks", () => {
    expect(letterGrades([{ LetterGrade: "a- ", NumericGrade: 91.5 }, { LetterGrade: "P", NumericGrade: 70 }])).toEqual([
      { LetterGrade: "A-", NumericGrade: 91.5 },
      { LetterGrade: "P", NumericGrade: 70 },
    ]);
  });

  test.each([
    [[{ LetterGrade: "", NumericGrade: 90 }], /LetterGrade must be a non-blank string/],
    [[{ LetterGrade: "X".repeat(21), NumericGrade: 90 }], /at most 20 characters/],
    [[{ LetterGrade: "A", NumericGrade: "95" }], /NumericGrade must be a number/],
    [[{ LetterGrade: "A", NumericGrade: 95.125 }], /2 decimals/],
    [[{ LetterGrade: "A", NumericGrade: 12345678 }], /7 integer digits/],
    [[{ LetterGrade: "A", NumericGrade: 95 }, { LetterGrade: "a ", NumericGrade: 94 }], /letter grade A is listed twice/],
  ])("a malformed district table fails with a message naming the file: %j", (rows, message) => {
    expect(() => letterGrades(rows as Row[])).toThrow(message);
    expect(() => letterGrades(rows as Row[])).toThrow(/includes\/letter_grade_translation\.js/);
  });
});
