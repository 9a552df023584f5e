// Golden checks of the compiled BigQuery SQL: BigQuery is not reachable here, so the production branch
// is pinned by its text. After an intended change, regenerate with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { compileProject } from "./support/dataform.js";

const GOLDEN = new URL("./golden/", import.meta.url);

function expectGolden(name: string, actual: string) {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("compiled BigQuery SQL", () => {
  const compiled = compileProject("--vars=lakeUri=gs://district-lake/edfi-lake");
  const table = (name: string) => compiled.tables.find((t: any) => t.target.name === name);

  test("the lake source of a resource is an external table over its hive-partitioned NDJSON files", () => {
    const source = compiled.operations.find((o: any) => o.target.name === "students");
    expectGolden("source_students.sql", source.queries.join("\n;\n") + "\n");
  });

  test("the commit log source, and the table each build takes of it", () => {
    const source = compiled.operations.find((o: any) => o.target.name === "_commit_log");
    expectGolden("source_commits.sql", [...source.queries, table("_commits").query].join("\n;\n") + "\n");
  });

  test("a staging table with DS 4/DS 5 names and descriptors", () => {
    expectGolden("stg_student_contact_associations.sql", table("stg_student_contact_associations").query + "\n");
  });

  test("an incremental staging table: full query; incremental pre-operation, query and clean-up", () => {
    const stg = table("stg_grades");
    expect(stg.type).toBe("incremental");
    expect(stg.uniqueKey).toEqual(["id", "school_year"]);
    expectGolden("stg_grades.sql", stg.query + "\n");
    expectGolden("stg_grades.incremental.sql", [...stg.incrementalPreOps, stg.incrementalQuery, ...stg.incrementalPostOps].join("\n;\n") + "\n");
  });

  test("the descriptors: one table of every descriptor resource's lines, and a descriptor's view of it", () => {
    expect(table("stg_descriptors").type).toBe("table");
    expect(table("stg_term_descriptors").type).toBe("view");
    expectGolden("stg_descriptors.sql", [table("stg_descriptors").query, table("stg_term_descriptors").query].join("\n;\n") + "\n");
  });

  test("a child collection two levels deep: a view over its parent's current rows", () => {
    const child = table("stg_student_education_organization_associations__language_uses");
    expect(child.type).toBe("view");
    expectGolden("stg_student_education_organization_associations__language_uses.sql", child.query + "\n");
  });

  test("an EWS view: ews_StudentSectionGradeFact (grade types by the map, letter-grade translation)", () => {
    expectGolden("amt_ews_StudentSectionGradeFact.sql", table("ews_StudentSectionGradeFact").query + "\n");
  });

  test("an Asmt view: asmt_StudentAssessmentFact (objective and overall results, current enrollments)", () => {
    expectGolden("amt_asmt_StudentAssessmentFact.sql", table("asmt_StudentAssessmentFact").query + "\n");
  });

  test("an Equity view: equity_StudentHistoryDim (text aggregates with line feeds and 2-decimal grades)", () => {
    expectGolden("amt_equity_StudentHistoryDim.sql", table("equity_StudentHistoryDim").query + "\n");
  });

  test("an AMT view: SchoolDim (descriptor map, address selection, NULL-skipping greatest)", () => {
    expectGolden("amt_SchoolDim.sql", table("SchoolDim").query + "\n");
  });

  test("an AMT view: StudentSchoolDim (current-enrollment filter, school/district fallbacks)", () => {
    expectGolden("amt_StudentSchoolDim.sql", table("StudentSchoolDim").query + "\n");
  });

  test("an AMT collection view: chrab_ChronicAbsenteeismAttendanceFact (a BigQuery view over the enrolled days)", () => {
    expect(table("chrab_ChronicAbsenteeismAttendanceFact").type).toBe("view");
    expectGolden("amt_chrab_ChronicAbsenteeismAttendanceFact.sql", table("chrab_ChronicAbsenteeismAttendanceFact").query + "\n");
  });

  test("the enrolled days chrab, EWS and Equity read (instructional days, mapped attendance flags)", () => {
    expectGolden("amt_internal_enrolled_days.sql", table("enrolled_days").query + "\n");
  });

  test("an AMT collection view: rls_UserAuthorization (scoped assignments, section permissions)", () => {
    expectGolden("amt_rls_UserAuthorization.sql", table("rls_UserAuthorization").query + "\n");
  });
});
