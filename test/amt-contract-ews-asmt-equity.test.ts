// The EWS, Asmt and Equity views (AMT-SPEC §7–§9) as built on DuckDB match their contract
// (includes/amt_contract.js): the spec's column names in the spec's order and the DuckDB type of each
// logical type, and analytics_config.ews_LetterGradeTranslation has the columns of §11.3. Built over an
// empty lake: types do not depend on data.
import { createRequire } from "node:module";
import { transform } from "../engine/transform.js";
import { succeeded } from "../engine/run-graph.js";
import { query, tempDatabase } from "./support/compiled-graph.js";
import { emptyLake } from "./support/empty-lake.js";

const { views } = createRequire(import.meta.url)("../includes/amt_contract.js") as { views: Record<string, { collection?: string; columns: [string, string, string][] }> };

// AMT-SPEC §1.3.
const EWS_ASMT_EQUITY_VIEWS = [
  "ews_StudentEarlyWarningFact", "ews_StudentSectionGradeFact", "asmt_AssessmentFact", "asmt_StudentAssessmentFact",
  "equity_StudentSchoolFoodServiceProgramDim", "equity_FeederSchoolDim", "equity_StudentDisciplineActionDim",
  "equity_StudentProgramCohortDim", "equity_StudentHistoryDim",
];
const DUCKDB_TYPES: Record<string, string> = { STRING: "VARCHAR", INT: "BIGINT", BOOL: "BOOLEAN", DECIMAL: "DECIMAL(18,9)", DATE: "DATE", TIMESTAMP: "TIMESTAMP" };

describe("the EWS, Asmt and Equity views on DuckDB", () => {
  let columns: { table_schema: string; table_name: string; column_name: string; data_type: string }[];
  const built = (schema: string, table: string) => columns.filter((c) => c.table_schema === schema && c.table_name === table).map((c) => `${c.column_name} ${c.data_type}`);

  beforeAll(async () => {
    const database = tempDatabase();
    const report = await transform({ lake: emptyLake(), database, selection: { actions: [], tags: ["amt_ews", "amt_asmt", "amt_equity"], includeDeps: true } });
    expect(succeeded(report)).toBe(true);
    columns = (await query(database, "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns WHERE table_schema IN ('analytics', 'analytics_config') ORDER BY table_name, ordinal_position")) as typeof columns;
  }, 180_000);

  test("the contract covers exactly the views of the three collections", () => {
    const contract = Object.keys(views).filter((name) => ["ews", "asmt", "equity"].includes(views[name].collection ?? ""));
    expect(contract.sort()).toEqual([...EWS_ASMT_EQUITY_VIEWS].sort());
  });

  test.each(EWS_ASMT_EQUITY_VIEWS)("%s: column names, order and types", (view) => {
    expect(built("analytics", view)).toEqual(views[view].columns.map(([name, type]) => `${name} ${DUCKDB_TYPES[type]}`));
  });

  test("analytics_config.ews_LetterGradeTranslation: columns and types of AMT-SPEC §11.3", () => {
    expect(built("analytics_config", "ews_LetterGradeTranslation")).toEqual(["LetterGrade VARCHAR", `NumericGrade ${DUCKDB_TYPES.DECIMAL}`]);
  });
});
