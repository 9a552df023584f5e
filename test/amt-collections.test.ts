// @slow (test/support/sequencer.js): over a minute.
// The optional AMT collections are switched by the compile var amtCollections (AMT's installer options):
// a collection left out leaves none of its models, assertions or unit tests in the graph, on BigQuery
// (Dataform CLI) and on the local engine (`npm run transform -- --collections`).
import { createRequire } from "node:module";
import { compileProject as compileForDuckDb } from "../engine/compile.js";
import { InputError } from "../engine/errors.js";
import { compileVars } from "../engine/transform.js";
import { compileProject } from "./support/dataform.js";

type Rule = { ConstantName: string; CodeValue: string; Origin: string };
const { mappingRules } = createRequire(import.meta.url)("../includes/amt_config.js") as { mappingRules: (overrides?: unknown) => Rule[] };

const PREFIXES = { rls: "rls_", chrab: "chrab_" };

/** Names of every model, assertion and unit test of the graph that belongs to `collection`. */
function namesOf(compiled: any, collection: keyof typeof PREFIXES): string[] {
  const names = [
    ...(compiled.tables ?? []).map((t: any) => t.target.name),
    ...(compiled.assertions ?? []).map((a: any) => a.target.name),
    ...(compiled.tests ?? []).map((t: any) => t.name),
  ];
  return names.filter((name: string) => name.includes(PREFIXES[collection]));
}

test("--collections becomes the amtCollections var, with + for the commas the Dataform CLI would split on", () => {
  expect(compileVars({ collections: "rls, chrab" }, "/lake")).toEqual({ lakeUri: "/lake", amtCollections: "rls+chrab" });
  expect(compileVars({}, "/lake")).toEqual({ lakeUri: "/lake" });
  expect(() => compileVars({ collections: " " }, "/lake")).toThrow(InputError);
});

test("amtCollections=none leaves both collections out; the core views stay", () => {
  const compiled = compileProject("--vars=amtCollections=none");
  expect(compiled.graphErrors).toEqual({});
  expect(namesOf(compiled, "rls")).toEqual([]);
  expect(namesOf(compiled, "chrab")).toEqual([]);
  expect(compiled.tables.map((t: any) => t.target.name)).toEqual(expect.arrayContaining(["StudentSchoolDim", "DateDim", "DescriptorMap"]));
  expect(compiled.tables.map((t: any) => t.target.name)).not.toContain("enrolled_days");
}, 180_000);

test("the local engine with --collections chrab builds chrab with its assertions and test, and no RLS", async () => {
  const compiled = await compileForDuckDb({ projectDir: process.cwd(), vars: compileVars({ collections: "chrab" }, "./lake"), defaultDatabase: "amt" });
  expect(namesOf(compiled, "rls")).toEqual([]);
  expect(namesOf(compiled, "chrab")).toEqual(
    expect.arrayContaining([
      "chrab_ChronicAbsenteeismAttendanceFact",
      "test_chrab_presence_absence_and_instructional_days",
      "chrab_ChronicAbsenteeismAttendanceFact_DateKey_in_DateDim",
    ]),
  );
}, 180_000);

test("by default every collection is built", () => {
  const compiled = compileProject();
  expect(namesOf(compiled, "rls")).toEqual(expect.arrayContaining(["rls_UserDim", "rls_UserAuthorization", "rls_StudentDataAuthorization", "rls_UserStudentDataAuthorization", "rls_StaffClassificationDescriptorScopeList"]));
  expect(namesOf(compiled, "chrab")).toContain("chrab_ChronicAbsenteeismAttendanceFact");
}, 180_000);

describe("RLS scopes (AMT-SPEC §11.4, §12.4) in the district file includes/descriptor_map.js", () => {
  const scopes = (rules: Rule[]) => rules.filter((r) => r.ConstantName.startsWith("AuthorizationScope.")).map((r) => `${r.ConstantName}=${r.CodeValue} (${r.Origin})`);
  const substitute = { ConstantName: "AuthorizationScope.Section", DescriptorType: "staffClassificationDescriptors", CodeValue: "Substitute Teacher" };

  test("the defaults are Superintendent, Principal and Teacher", () => {
    expect(scopes(mappingRules([]))).toEqual([
      "AuthorizationScope.District=Superintendent (default)",
      "AuthorizationScope.School=Principal (default)",
      "AuthorizationScope.Section=Teacher (default)",
    ]);
  });

  test("a district's rows replace the defaults of their scope only", () => {
    expect(scopes(mappingRules([substitute, { ...substitute, CodeValue: "Teacher" }]))).toEqual([
      "AuthorizationScope.District=Superintendent (default)",
      "AuthorizationScope.School=Principal (default)",
      "AuthorizationScope.Section=Substitute Teacher (district)",
      "AuthorizationScope.Section=Teacher (district)",
    ]);
  });

  test("a bad row fails the compile with an error naming the file and the valid scopes", () => {
    expect(() => mappingRules([{ ...substitute, ConstantName: "AuthorizationScope.Classroom" }])).toThrow(
      "includes/descriptor_map.js: unknown constant AuthorizationScope.Classroom (known: AuthorizationScope.District, AuthorizationScope.School, AuthorizationScope.Section)",
    );
    expect(() => mappingRules([{ ...substitute, DescriptorType: "staffDescriptors" }])).toThrow("AuthorizationScope.Section maps staffClassificationDescriptors, not staffDescriptors");
    expect(() => mappingRules(["Teacher"])).toThrow("each row must be an object");
    expect(() => mappingRules({ "AuthorizationScope.Section": ["Teacher"] })).toThrow("must export an array");
  });
});
