// The AMT core views as built on DuckDB match the contract the project encodes (includes/amt_contract.js,
// from AMT-SPEC §4): the 18 views, each with the spec's column names in the spec's order and the
// DuckDB type of each logical type. Built over an empty lake: types do not depend on data.
import { createRequire } from "node:module";
import { transform } from "../engine/transform.js";
import { succeeded } from "../engine/run-graph.js";
import { query, tempDatabase } from "./support/compiled-graph.js";
import { emptyLake } from "./support/empty-lake.js";

const { views } = createRequire(import.meta.url)("../includes/amt_contract.js") as { views: Record<string, { columns: [string, string, string][] }> };

// AMT-SPEC §1.3, Base collection.
const CORE_VIEWS = [
  "DateDim", "GradingPeriodDim", "MostRecentGradingPeriod", "LocalEducationAgencyDim", "SchoolDim", "DemographicDim",
  "StudentSchoolDemographicsBridge", "StudentLocalEducationAgencyDemographicsBridge", "ClassPeriodDim", "ContactPersonDim",
  "StaffSectionDim", "StudentLocalEducationAgencyDim", "StudentProgramDim", "StudentSchoolDim", "AllStudentSchoolDim",
  "SectionDim", "StudentSectionDim", "AcademicTimePeriodDim",
];
const DUCKDB_TYPES: Record<string, string> = { STRING: "VARCHAR", INT: "BIGINT", BOOL: "BOOLEAN", DECIMAL: "DECIMAL(18,9)", DATE: "DATE", TIMESTAMP: "TIMESTAMP" };

describe("the AMT core views on DuckDB", () => {
  let columns: { table_name: string; column_name: string; data_type: string }[];

  beforeAll(async () => {
    const database = tempDatabase();
    const report = await transform({ lake: emptyLake(), database, selection: { actions: [], tags: ["amt"], includeDeps: true } });
    expect(succeeded(report)).toBe(true);
    columns = (await query(database, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'analytics' ORDER BY table_name, ordinal_position")) as typeof columns;
  }, 180_000);

  test("the contract covers exactly the 18 core views, and each is built", () => {
    expect(Object.keys(views).sort()).toEqual([...CORE_VIEWS].sort());
    expect([...new Set(columns.map((c) => c.table_name))].sort()).toEqual([...CORE_VIEWS].sort());
  });

  test.each(CORE_VIEWS)("%s: column names, order and types", (view) => {
    const built = columns.filter((c) => c.table_name === view).map((c) => `${c.column_name} ${c.data_type}`);
    expect(built).toEqual(views[view].columns.map(([name, type]) => `${name} ${DUCKDB_TYPES[type]}`));
  });
});
