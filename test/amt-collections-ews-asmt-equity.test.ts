// The compile var amtCollections switches the EWS, Asmt and Equity collections (AMT-SPEC §1.3): only the
// views, configuration, assertions and unit tests of the chosen collections are compiled, and Equity
// brings the letter-grade table it reads, as AMT installs EWS with Equity.
import { compileProject } from "./support/dataform.js";

describe("amtCollections=asmt+equity", () => {
  const compiled = compileProject("--vars=amtCollections=asmt+equity");
  const names = (actions: any[]) => actions.map((a: any) => a.target?.name ?? a.name).filter((n: string) => /^(test_)?(ews|asmt|equity)_/.test(n)).sort();

  test("compiles without graph errors", () => {
    expect(compiled.graphErrors).toEqual({});
  });

  test("builds the Asmt and Equity views, the letter-grade table and the enrolled days Equity reads, no EWS view", () => {
    const built = compiled.tables.filter((t: any) => !t.disabled);
    expect(built.map((t: any) => t.target.name)).toContain("enrolled_days");
    expect(names(built)).toEqual([
      "asmt_AssessmentFact", "asmt_StudentAssessmentFact", "equity_FeederSchoolDim", "equity_StudentDisciplineActionDim",
      "equity_StudentHistoryDim", "equity_StudentProgramCohortDim", "equity_StudentSchoolFoodServiceProgramDim", "ews_LetterGradeTranslation",
    ]);
  });

  test("has no assertion or unit test of an EWS view", () => {
    expect(names(compiled.assertions).filter((n) => /^ews_Student/.test(n))).toEqual([]);
    expect(names(compiled.tests)).toEqual(["test_asmt_StudentAssessmentFact_objective_vs_overall", "test_equity_StudentHistoryDim_history_grades_attendance"]);
  });
});
