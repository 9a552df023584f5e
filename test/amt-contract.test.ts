// The AMT views as built on DuckDB match the contract the project encodes (includes/amt_contract.js,
// from AMT-SPEC §4–§6): the 18 core views and the views of the collections the contract has, each with the
// spec's column names in the spec's order and the DuckDB type of each logical type. Built over an empty
// lake: types do not depend on data.
import { createRequire } from "node:module";
import { transform } from "../engine/transform.js";
import { succeeded } from "../engine/run-graph.js";
import { query, tempDatabase } from "./support/compiled-graph.js";
import { emptyLake } from "./support/empty-lake.js";

const { views } = createRequire(import.meta.url)("../includes/amt_contract.js") as {
  views: Record<string, { columns: [string, string, string][]; collection?: string; schema?: string }>;
};

// AMT-SPEC §1.3, Base collection.
const CORE_VIEWS = [
  "DateDim", "GradingPeriodDim", "MostRecentGradingPeriod", "LocalEducationAgencyDim", "SchoolDim", "DemographicDim",
  "StudentSchoolDemographicsBridge", "StudentLocalEducationAgencyDemographicsBridge", "ClassPeriodDim", "ContactPersonDim",
  "StaffSectionDim", "StudentLocalEducationAgencyDim", "StudentProgramDim", "StudentSchoolDim", "AllStudentSchoolDim",
  "SectionDim", "StudentSectionDim", "AcademicTimePeriodDim",
];
// AMT-SPEC §1.3 (RLS's scope list is a view in analytics_config, §5.5).
const COLLECTION_VIEWS: Record<string, string[]> = {
  rls: ["rls_UserDim", "rls_UserAuthorization", "rls_StudentDataAuthorization", "rls_UserStudentDataAuthorization", "rls_StaffClassificationDescriptorScopeList"],
  chrab: ["chrab_ChronicAbsenteeismAttendanceFact"],
  ews: ["ews_StudentEarlyWarningFact", "ews_StudentSectionGradeFact"],
  asmt: ["asmt_AssessmentFact", "asmt_StudentAssessmentFact"],
  equity: [
    "equity_StudentSchoolFoodServiceProgramDim", "equity_FeederSchoolDim", "equity_StudentDisciplineActionDim",
    "equity_StudentProgramCohortDim", "equity_StudentHistoryDim",
  ],
};
const CONTRACT_COLLECTIONS = [...new Set(Object.values(views).flatMap((v) => (v.collection ? [v.collection] : [])))];
const ALL_VIEWS = [...CORE_VIEWS, ...CONTRACT_COLLECTIONS.flatMap((c) => COLLECTION_VIEWS[c] ?? [`(collection ${c} not in the test)`])];
const DUCKDB_TYPES: Record<string, string> = { STRING: "VARCHAR", INT: "BIGINT", BOOL: "BOOLEAN", DECIMAL: "DECIMAL(18,9)", DATE: "DATE", TIMESTAMP: "TIMESTAMP" };

describe("the AMT views on DuckDB", () => {
  let columns: { table_schema: string; table_name: string; column_name: string; data_type: string }[];

  beforeAll(async () => {
    const database = tempDatabase();
    const report = await transform({ lake: emptyLake(), database, selection: { actions: [], tags: ["amt"], includeDeps: true } });
    expect(succeeded(report)).toBe(true);
    columns = (await query(database, "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns WHERE table_schema IN ('analytics', 'analytics_config') ORDER BY table_name, ordinal_position")) as typeof columns;
  }, 180_000);

  test("the contract covers exactly the 18 core views and the whole of each collection it has, and each is built", () => {
    expect(CONTRACT_COLLECTIONS.sort()).toEqual(["asmt", "chrab", "equity", "ews", "rls"]);
    expect(Object.keys(views).sort()).toEqual([...ALL_VIEWS].sort());
    const analytics = [...new Set(columns.filter((c) => c.table_schema === "analytics").map((c) => c.table_name))];
    expect(analytics.sort()).toEqual(ALL_VIEWS.filter((view) => !views[view].schema).sort());
    const configViews = new Set(columns.map((c) => `${c.table_schema}.${c.table_name}`));
    expect(ALL_VIEWS.filter((view) => views[view].schema && !configViews.has(`${views[view].schema}.${view}`))).toEqual([]);
  });

  test.each(ALL_VIEWS)("%s: column names, order and types", (view) => {
    const schema = views[view].schema ?? "analytics";
    const built = columns.filter((c) => c.table_schema === schema && c.table_name === view).map((c) => `${c.column_name} ${c.data_type}`);
    expect(built).toEqual(views[view].columns.map(([name, type]) => `${name} ${DUCKDB_TYPES[type]}`));
  });

  test("analytics_config.ews_LetterGradeTranslation: columns and types of AMT-SPEC §11.3", () => {
    const built = columns.filter((c) => c.table_schema === "analytics_config" && c.table_name === "ews_LetterGradeTranslation").map((c) => `${c.column_name} ${c.data_type}`);
    expect(built).toEqual(["LetterGrade VARCHAR", `NumericGrade ${DUCKDB_TYPES.DECIMAL}`]);
  });
});
