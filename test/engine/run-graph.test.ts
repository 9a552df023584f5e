import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { withDatabase } from "../../engine/duckdb-sql.js";
import type { Notice } from "../../engine/notices.js";
import { silentProgress } from "../../engine/progress.js";
import { runGraph, runTests, STORAGE_VERSION, succeeded, type RunReport } from "../../engine/run-graph.js";
import { assertion, graph, operation, query, ref, table, target, tempDatabase } from "../support/compiled-graph.js";

/** The files whose path starts with `prefix` that this process holds open (Linux). */
function openFiles(prefix: string): string[] {
  const targets = readdirSync("/proc/self/fd").map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return ""; // closed since it was listed
    }
  });
  return targets.filter((target) => target.startsWith(prefix));
}

/** A one-file lake: gzip NDJSON students. */
function lakeFile(students: { id: number; name: string; born: string }[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "engine-lake-")), "students.ndjson.gz");
  writeFileSync(file, gzipSync(students.map((s) => JSON.stringify(s)).join("\n")));
  return file;
}

const source = (file: string) =>
  operation("edfi_sources", "students", [`CREATE OR REPLACE VIEW ${ref("edfi_sources", "students")} AS SELECT * FROM read_json('${file}', format = 'newline_delimited')`]);

const staging = table("edfi_staging", "students", `SELECT id, name, CAST(born AS DATE) AS born FROM ${ref("edfi_sources", "students")}`, [target("edfi_sources", "students")], {
  preOps: [`CREATE OR REPLACE TABLE ${ref("edfi_staging", "audit")} AS SELECT 'pre' AS step`],
  postOps: [`INSERT INTO ${ref("edfi_staging", "audit")} SELECT 'post: ' || count(*) FROM ${ref("edfi_staging", "students")}`],
});

// As Dataform compiles an incremental table: `when(incremental(), …)` only in incrementalQuery. The
// increment lists its columns in another order, which a positional MERGE would mix up.
const enrollments = {
  ...table("analytics", "student_dim", `SELECT id, name, 'full' AS how FROM ${ref("edfi_staging", "students")}`, [target("edfi_staging", "students")]),
  type: "incremental",
  enumType: "INCREMENTAL",
  incrementalQuery: `SELECT 'merged' AS how, name, id FROM ${ref("edfi_staging", "students")} WHERE id >= 2`,
  incrementalPreOps: [`CREATE OR REPLACE TABLE ${ref("analytics", "increments")} AS SELECT count(*) AS before FROM ${ref("analytics", "student_dim")}`],
  incrementalPostOps: [`ALTER TABLE ${ref("analytics", "increments")} ADD COLUMN after BIGINT DEFAULT 0; UPDATE ${ref("analytics", "increments")} SET after = (SELECT count(*) FROM ${ref("analytics", "student_dim")})`],
  uniqueKey: ["id"],
  onSchemaChange: "IGNORE",
};

// Built-in rowConditions assertion as core writes it: the condition text with \' escapes.
const rowConditions = assertion(
  "analytics_student_dim_assertions_rowConditions",
  `\nSELECT\n  'name IS NOT NULL AND name <> \\'\\'' AS failing_row_condition,\n  *\nFROM ${ref("analytics", "student_dim")}\nWHERE NOT (name IS NOT NULL AND name <> '')\n`,
  [target("analytics", "student_dim")],
  target("analytics", "student_dim"),
);
const bornAfter2000 = assertion(
  "edfi_staging_students_assertions_rowConditions",
  `SELECT 'born > DATE \\'2000-01-01\\'' AS failing_row_condition, * FROM ${ref("edfi_staging", "students")} WHERE NOT (born > DATE '2000-01-01')`,
  [target("edfi_staging", "students")],
  target("edfi_staging", "students"),
);
const afterCheck = table("analytics", "checked", `SELECT count(*) AS n FROM ${ref("analytics", "student_dim")}`, [target("analytics", "student_dim"), bornAfter2000.target]);

const project = (file: string) =>
  graph({ operations: [source(file)], tables: [staging, enrollments, afterCheck], assertions: [rowConditions, bornAfter2000] });

const status = (report: RunReport) => Object.fromEntries(report.results.map((r) => [r.name, r.status]));

describe("running a compiled graph on DuckDB", () => {
  const database = tempDatabase();
  const first = [
    { id: 1, name: "Ann", born: "2010-01-02" },
    { id: 2, name: "Bob", born: "1999-05-06" },
  ];
  const second = [first[0], { id: 2, name: "Bobby", born: "2011-05-06" }, { id: 3, name: "Cy", born: "2012-07-08" }];
  let report: RunReport;

  beforeAll(async () => {
    report = await runGraph(project(lakeFile(first)), { database });
  });

  test("builds every action in dependency order with backtick names rewritten, pre- and post-operations included", async () => {
    expect(status(report)).toEqual({
      "edfi_sources.students": "ok",
      "edfi_staging.students": "ok",
      "analytics.student_dim": "ok",
      "analytics.checked": "ok",
      "edfi_assertions.analytics_student_dim_assertions_rowConditions": "ok",
      "edfi_assertions.edfi_staging_students_assertions_rowConditions": "assertion-failed",
    });
    expect(await query(database, "SELECT id, name, how FROM analytics.student_dim ORDER BY id")).toEqual([
      { id: "1", name: "Ann", how: "full" },
      { id: "2", name: "Bob", how: "full" },
    ]);
    expect(await query(database, "SELECT step FROM edfi_staging.audit")).toEqual([{ step: "pre" }, { step: "post: 2" }]);
  });

  test("a failing assertion is reported with its row count, the run goes on and the database is kept, but the run did not succeed", async () => {
    const failed = report.results.find((r) => r.status === "assertion-failed");
    expect(failed).toMatchObject({ name: "edfi_assertions.edfi_staging_students_assertions_rowConditions", rows: 1 });
    expect(report.committed).toBe(true);
    expect(succeeded(report)).toBe(false);
    // The assertion stays as a view of its failing rows.
    expect(await query(database, "SELECT name, failing_row_condition FROM edfi_assertions.edfi_staging_students_assertions_rowConditions")).toEqual([
      { name: "Bob", failing_row_condition: "born > DATE '2000-01-01'" },
    ]);
  });

  test("a second run merges the increment on the unique key: updates and inserts, columns matched by name", async () => {
    const again = await runGraph(project(lakeFile(second)), { database });
    expect(again.results.find((r) => r.name === "analytics.student_dim")).toMatchObject({ status: "ok", detail: "merged" });
    expect(succeeded(again)).toBe(true);
    expect(await query(database, "SELECT id, name, how FROM analytics.student_dim ORDER BY id")).toEqual([
      { id: "1", name: "Ann", how: "full" },
      { id: "2", name: "Bobby", how: "merged" },
      { id: "3", name: "Cy", how: "merged" },
    ]);
    expect(await query(database, "SELECT before, after FROM analytics.increments")).toEqual([{ before: "2", after: "3" }]);
  });

  test("a full refresh rebuilds the incremental table from its full query: the same rows", async () => {
    const refreshed = await runGraph(project(lakeFile(second)), { database, fullRefresh: true });
    expect(refreshed.results.find((r) => r.name === "analytics.student_dim")).toMatchObject({ status: "ok", detail: "rebuilt" });
    expect(await query(database, "SELECT id, name FROM analytics.student_dim ORDER BY id")).toEqual([
      { id: "1", name: "Ann" },
      { id: "2", name: "Bobby" },
      { id: "3", name: "Cy" },
    ]);
  });

  test("an increment with a unique key twice fails, as BigQuery's MERGE does, and the database keeps its rows", async () => {
    const twice = [...second, { id: 3, name: "Cy again", born: "2012-03-04" }];
    const failed = await runGraph(project(lakeFile(twice)), { database });
    expect(failed.results.find((r) => r.name === "analytics.student_dim")).toMatchObject({ status: "failed" });
    expect(failed.results.find((r) => r.name === "analytics.student_dim")?.message).toContain("unique key value(s) (id) more than once");
    expect(failed.committed).toBe(false);
    expect(await query(database, "SELECT count(*) AS n FROM analytics.student_dim")).toEqual([{ n: "3" }]);
  });

  test("a failing action (a corrupt gzip file in the lake) names itself and the file, stops the build and leaves the database as it was", async () => {
    const corrupt = lakeFile(first);
    writeFileSync(corrupt, Buffer.concat([readFileSync(corrupt).subarray(0, 20), Buffer.from("not gzip at all")]));
    // Before the failure, the build replaces a table and empties another: both must come back.
    const replaced = table("analytics", "checked", "SELECT -1 AS n");
    const emptied = operation("analytics", "wipe", [`DELETE FROM ${ref("analytics", "student_dim")}`], [replaced.target]);
    const failing = operation("edfi_sources", "students", source(corrupt).queries, [target("analytics", "wipe")]);
    const broken = await runGraph(graph({ operations: [emptied, failing], tables: [replaced, staging, table("analytics", "independent", "SELECT 1 AS x")] }), { database });
    expect(status(broken)).toEqual({
      "analytics.checked": "ok",
      "analytics.wipe": "ok",
      "edfi_sources.students": "failed",
      "edfi_staging.students": "skipped",
      "analytics.independent": "skipped",
    });
    const failure = broken.results.find((r) => r.status === "failed");
    expect(failure?.message).toContain("operation edfi_sources.students (definitions/students.sqlx): ");
    expect(failure?.message).toContain(corrupt);
    expect(broken.results.find((r) => r.name === "analytics.independent")?.message).toBe("skipped: edfi_sources.students failed, so the build stopped and nothing was written");
    expect(broken.committed).toBe(false);
    expect(await query(database, "SELECT count(*) AS n FROM analytics.student_dim")).toEqual([{ n: "3" }]);
    expect(await query(database, "SELECT n FROM analytics.checked")).toEqual([{ n: "3" }]);
    expect(await query(database, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'independent'")).toEqual([{ n: "0" }]);
  });
});

describe("a new database", () => {
  test("is built as <db>.building, committed action by action, and renamed when complete", async () => {
    const database = tempDatabase();
    const built = await runGraph(graph({ tables: [table("analytics", "one", "SELECT 1 AS x")] }), { database });
    expect(built.committed).toBe(true);
    expect(existsSync(`${database}.building`)).toBe(false);
    expect(await query(database, "SELECT x FROM analytics.one")).toEqual([{ x: 1 }]);
  });

  test("is written in the storage format the engine asks for, not DuckDB's 0.10 default", async () => {
    const database = tempDatabase();
    await runGraph(graph({ tables: [table("analytics", "one", "SELECT 1 AS x")] }), { database });
    const [{ tags }] = await query(database, "SELECT CAST(tags AS VARCHAR) AS tags FROM duckdb_databases() WHERE NOT internal");
    expect(tags).toContain(`storage_version=${STORAGE_VERSION}`);
  });

  test("is not created when its build fails, and nothing of it is left", async () => {
    const database = tempDatabase();
    const tables = [table("analytics", "one", "SELECT 1 AS x"), table("analytics", "bad", "SELECT * FROM nowhere", [target("analytics", "one")])];
    const broken = await runGraph(graph({ tables }), { database });
    expect(status(broken)).toEqual({ "analytics.one": "ok", "analytics.bad": "failed" });
    expect(broken.committed).toBe(false);
    expect(existsSync(database)).toBe(false);
    expect(existsSync(`${database}.building`)).toBe(false);
  });

  test("is not left half-built when the run itself throws", async () => {
    const database = tempDatabase();
    const tables = [table("analytics", "one", "SELECT 1 AS x"), table("analytics", "two", "SELECT 2 AS x", [target("analytics", "one")])];
    const progress = { ...silentProgress, start: (action: { name: string }) => { if (action.name === "analytics.two") throw new Error("progress broke"); } };
    await expect(runGraph(graph({ tables }), { database, progress })).rejects.toThrow("progress broke");
    expect(existsSync(database)).toBe(false);
    expect(existsSync(`${database}.building`)).toBe(false);
    // Closed too: a database left open keeps its (deleted) file and DuckDB's reserved address space.
    expect(openFiles(database)).toEqual([]);
  });
});

describe("other action kinds", () => {
  test("DuckDB runs the build with the threads asked for", async () => {
    const database = tempDatabase();
    await runGraph(graph({ tables: [table("analytics", "setting", "SELECT current_setting('threads') AS threads")] }), { database, threads: 1 });
    expect(await query(database, "SELECT threads FROM analytics.setting")).toEqual([{ threads: "1" }]);
  });

  test("an incremental table without a unique key appends; disabled actions are skipped but their dependents run", async () => {
    const database = tempDatabase();
    const log = {
      ...table("analytics", "log", "SELECT 1 AS run"),
      type: "incremental",
      incrementalQuery: `SELECT max(run) + 1 AS run FROM ${ref("analytics", "log")}`,
    };
    const off = table("analytics", "off", "SELECT * FROM nowhere", [], { disabled: true });
    const after = table("analytics", "after_off", "SELECT 1 AS x", [target("analytics", "off")]);
    const compiled = graph({ tables: [log, off, after] });
    await runGraph(compiled, { database });
    const second = await runGraph(compiled, { database });
    expect(status(second)).toEqual({ "analytics.log": "ok", "analytics.off": "disabled", "analytics.after_off": "ok" });
    expect(await query(database, "SELECT run FROM analytics.log ORDER BY run")).toEqual([{ run: 1 }, { run: 2 }]);
  });

  test("an incremental table whose model's columns changed (a type, as after an upgrade) is rebuilt from its full query, not merged", async () => {
    const database = tempDatabase();
    const model = (type: string) => ({
      ...table("analytics", "scores", `SELECT 1 AS id, CAST('[1, 2]' AS ${type}) AS scores, 'full' AS how`),
      type: "incremental",
      incrementalQuery: `SELECT 2 AS id, CAST('[3]' AS ${type}) AS scores, 'merged' AS how`,
      uniqueKey: ["id"],
    });
    await runGraph(graph({ tables: [model("VARCHAR")] }), { database });
    const merged = await runGraph(graph({ tables: [model("VARCHAR")] }), { database });
    expect(merged.results[0]).toMatchObject({ status: "ok", detail: "merged" });
    const upgraded = await runGraph(graph({ tables: [model("INTEGER[]")] }), { database });
    expect(upgraded.results[0]).toMatchObject({ status: "ok", detail: "rebuilt: its columns changed" });
    expect(await query(database, "SELECT id, typeof(scores) AS type, how FROM analytics.scores")).toEqual([{ id: 1, type: "INTEGER[]", how: "full" }]);
  });

  test("every eighth build vacuums, merging the row groups each build appends and dropping deleted rows; a failed build does not count", async () => {
    const database = tempDatabase();
    // 1,000 rows; the increment of build n replaces ids 10n to 10n + 9 (a MERGE: old rows deleted, new ones added).
    const facts = (n: number, query = `SELECT range AS id, ${n} AS build FROM range(${10 * n}, ${10 * n + 10})`) =>
      graph({ tables: [{ ...table("analytics", "facts", "SELECT range AS id, 0 AS build FROM range(1000)"), type: "incremental", incrementalQuery: query, uniqueKey: ["id"] }] });
    const stored = async () =>
      (await query(database, "SELECT estimated_size AS stored, (SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('analytics.facts')) AS row_groups FROM duckdb_tables() WHERE table_name = 'facts'"))[0];
    expect((await runGraph(facts(0), { database })).vacuumed).toBe(false); // a new file: counts as vacuumed
    const builds = [];
    for (let n = 1; n <= 9; n++) {
      if (n === 4) expect((await runGraph(facts(n, "SELECT * FROM nowhere"), { database })).committed).toBe(false);
      const report = await runGraph(facts(n), { database });
      builds.push({ n, vacuumed: report.vacuumed, ...(await stored()) });
    }
    expect(builds).toEqual([
      { n: 1, vacuumed: false, stored: "1010", row_groups: "2" },
      { n: 2, vacuumed: false, stored: "1020", row_groups: "3" },
      { n: 3, vacuumed: false, stored: "1030", row_groups: "4" },
      { n: 4, vacuumed: false, stored: "1040", row_groups: "5" },
      { n: 5, vacuumed: false, stored: "1050", row_groups: "6" },
      { n: 6, vacuumed: false, stored: "1060", row_groups: "7" },
      { n: 7, vacuumed: false, stored: "1070", row_groups: "8" },
      { n: 8, vacuumed: true, stored: "1000", row_groups: "1" },
      { n: 9, vacuumed: false, stored: "1010", row_groups: "2" },
    ]);
    expect(await query(database, 'SELECT list(build ORDER BY build) AS builds, list(build ORDER BY build) FILTER (WHERE vacuumed) AS vacuumed FROM main."_engine_builds"')).toEqual([
      { builds: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], vacuumed: ["1", "9"] },
    ]);
  });

  test("a table of another shape where the engine counts its builds is named, and the database is left as it was", async () => {
    const database = tempDatabase();
    await runGraph(graph({ tables: [table("analytics", "x", "SELECT 1 AS a")] }), { database });
    await withDatabase(database, {}, (connection) => connection.run('CREATE OR REPLACE TABLE main."_engine_builds" AS SELECT 1 AS n'));
    await expect(runGraph(graph({ tables: [table("analytics", "x", "SELECT 2 AS a")] }), { database })).rejects.toThrow(
      /"main"\."_engine_builds" is not the engine's count of builds \(build, built_at, vacuumed\): drop it and build again/,
    );
    expect(await query(database, "SELECT a FROM analytics.x")).toEqual([{ a: 1 }]);
  });

  test("a view replaces a table of the same name", async () => {
    const database = tempDatabase();
    await runGraph(graph({ tables: [table("analytics", "x", "SELECT 1 AS a")] }), { database });
    await runGraph(graph({ tables: [{ ...table("analytics", "x", "SELECT 2 AS a"), type: "view" }] }), { database });
    expect(await query(database, "SELECT table_type, (SELECT a FROM analytics.x) AS a FROM information_schema.tables WHERE table_name = 'x'")).toEqual([{ table_type: "VIEW", a: 2 }]);
  });
});

describe("warnings and reports (relations tagged warnings or report)", () => {
  const codes = (n: number) => Array.from({ length: n }, (_, i) => `SELECT 'code ${String(i).padStart(2, "0")}' AS code_value`).join(" UNION ALL ");
  const tagged = (name: string, query: string, tags: string[], extra: object = {}) => ({ ...table("analytics_config", name, query), type: "view", tags, ...extra });
  const notices = graph({
    tables: [
      tagged("unmatched", codes(25), ["amt", "warnings"]),
      tagged("nothing_unmatched", "SELECT 'x' AS code_value WHERE FALSE", ["warnings"]),
      tagged("scopes", "SELECT 'Teacher' AS code_value", ["report"]),
      tagged("plain", codes(3), ["amt"]),
    ],
  });

  test("after the commit, a warning per tagged relation with rows and a report per report relation, each with its row count and first 20 rows", async () => {
    const seen: Notice[] = [];
    const report = await runGraph(notices, { database: tempDatabase(), progress: { ...silentProgress, notice: (notice) => seen.push(notice) } });
    expect(report.notices).toEqual(seen);
    expect(report.notices.map(({ level, name, rows }) => ({ level, name, rows }))).toEqual([
      { level: "warning", name: "analytics_config.unmatched", rows: 25 },
      { level: "report", name: "analytics_config.scopes", rows: 1 },
    ]);
    expect(report.notices[0].first.rows).toEqual(Array.from({ length: 20 }, (_, i) => [`code ${String(i).padStart(2, "0")}`]));
    expect(succeeded(report)).toBe(true);
  });

  test("a build that fails has none, and relations left out of the run are not read", async () => {
    const failing = graph({ tables: [...notices.tables, table("analytics", "broken", "SELECT * FROM nowhere")] });
    expect((await runGraph(failing, { database: tempDatabase() })).notices).toEqual([]);
    const selected = await runGraph(notices, { database: tempDatabase(), selection: { actions: ["scopes"], tags: [], includeDeps: false } });
    expect(selected.notices.map((n) => n.name)).toEqual(["analytics_config.scopes"]);
  });
});

describe("unit tests (type: test)", () => {
  // As compiled: the input is inlined in place of the ref; BigQuery escapes in the literals.
  const unitTest = (name: string, expected: string) => ({
    name,
    fileName: `definitions/tests/${name}.sqlx`,
    target: target("edfi_staging", name),
    testQuery: "\nSELECT id, upper(name) AS name\nFROM (\n  SELECT 1 AS id, 'o\\'hara' AS name UNION ALL SELECT 2, 'ann' UNION ALL SELECT 2, 'ann'\n)\n",
    expectedOutputQuery: expected,
  });

  test("pass when the rows match as a multiset in any order; fail with the missing and unexpected rows", async () => {
    const report = await runTests(
      graph({
        tests: [
          unitTest("passes", "SELECT 2 AS id, 'ANN' AS name UNION ALL SELECT 1, 'O\\'HARA' UNION ALL SELECT 2, 'ANN'"),
          unitTest("fails", "SELECT 2 AS id, 'ANN' AS name UNION ALL SELECT 1, 'O\\'HARA' UNION ALL SELECT 3, 'CY'"),
          unitTest("wrong_columns", "SELECT 1 AS id, 'O\\'HARA' AS full_name"),
        ],
      }),
      { database: tempDatabase() },
    );
    expect(status(report)).toEqual({ passes: "ok", fails: "failed", wrong_columns: "failed" });
    expect(report.results[1].message).toBe(
      ["1 expected row(s) missing, 1 unexpected row(s)", '  missing:    {"id":3,"name":"CY"}', '  unexpected: {"id":2,"name":"ANN"}'].join("\n"),
    );
    expect(report.results[2].message).toBe("columns differ: expected (id, full_name), got (id, name)");
    expect(succeeded(report)).toBe(false);
  });
});
