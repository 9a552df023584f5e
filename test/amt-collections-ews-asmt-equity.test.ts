// The compile var amtCollections switches the EWS, Asmt and Equity collections (AMT-SPEC §1.3): only the
// views, configuration, assertions and unit tests of the chosen collections are compiled, and Equity
// brings Chrab and EWS with it, as AMT's installer does (§9).
import { createRequire } from "node:module";
import { compileProject } from "./support/dataform.js";

const { dayFlag, enrolledDaysConfig } = createRequire(import.meta.url)("../includes/amt.js") as {
  dayFlag: (alias: string, name: string) => string;
  enrolledDaysConfig: () => { columns: Record<string, string> };
};

describe("amtCollections=asmt+equity", () => {
  const compiled = compileProject("--vars=amtCollections=asmt+equity");
  const names = (actions: any[]) => actions.map((a: any) => a.target?.name ?? a.name).filter((n: string) => /^(test_)?(rls|chrab|ews|asmt|equity)_/.test(n)).sort();

  test("compiles without graph errors", () => {
    expect(compiled.graphErrors).toEqual({});
  });

  test("builds the Asmt and Equity views, and the Chrab and EWS views Equity installs; no RLS", () => {
    const built = compiled.tables.filter((t: any) => !t.disabled);
    expect(built.map((t: any) => t.target.name)).toContain("enrolled_days");
    expect(names(built)).toEqual([
      "asmt_AssessmentFact", "asmt_StudentAssessmentFact", "chrab_ChronicAbsenteeismAttendanceFact", "equity_FeederSchoolDim",
      "equity_StudentDisciplineActionDim", "equity_StudentHistoryDim", "equity_StudentProgramCohortDim", "equity_StudentSchoolFoodServiceProgramDim",
      "ews_LetterGradeTranslation", "ews_StudentEarlyWarningFact", "ews_StudentSectionGradeFact", "ews_UntranslatedLetterGrade",
    ]);
  });

  test("has the unit tests of Asmt, Equity, Chrab and EWS, none of RLS", () => {
    expect(names(compiled.tests).filter((n) => /^test_rls_/.test(n))).toEqual([]);
    for (const collection of ["asmt", "equity", "chrab", "ews"]) expect(names(compiled.tests).some((n) => n.startsWith(`test_${collection}_`))).toBe(true);
  });
});

describe("the enrolled days' flags, bits of one column", () => {
  test("a reader takes out its flag's bit; an unknown flag is a compile error naming the flags there are", () => {
    expect(dayFlag("dy", "is_instructional")).toBe("((dy.day_flags >> 0) & 1)");
    expect(dayFlag("dy", "section_tardy")).toBe("((dy.day_flags >> 15) & 1)");
    expect(() => dayFlag("dy", "school_late")).toThrow(/no enrolled-day flag named school_late \(the flags: is_instructional, school_present, .*section_tardy\)/);
  });

  test("the table's documentation names every bit", () => {
    const documented = enrolledDaysConfig().columns.day_flags;
    for (let bit = 0; bit < 16; bit++) expect(documented).toContain(`bit ${bit} `);
    expect(documented).not.toContain("bit 16 ");
  });
});
