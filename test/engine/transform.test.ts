// @slow (test/support/sequencer.js): over a minute.
// Compiling the project for DuckDB, and the `npm run transform` CLI: progress, summary and bad input.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { compileArgs, compileDigest, parseCompiled } from "../../engine/compile.js";
import { actionsOf } from "../../engine/compiled-graph.js";
import { CompileError, InputError } from "../../engine/errors.js";
import { succeeded } from "../../engine/run-graph.js";
import { bindLake, checkLake, compileFor, compileVars, DATABASE_STAND_IN, LAKE_STAND_IN, testProject, transform } from "../../engine/transform.js";
import { catalog } from "../../lib/catalog.js";
import { tempDatabase } from "../support/compiled-graph.js";
import { emptyLake } from "../support/empty-lake.js";

/** How many default descriptor mapping rules there are (includes/amt_config.js). */
const defaultRuleCount = () => (createRequire(import.meta.url)("../../includes/amt_config.js").mappingRules([]) as unknown[]).length;

describe("compiling the Dataform project for DuckDB", () => {
  test("vars for the local lake; values the CLI would split are refused", () => {
    expect(compileArgs({ projectDir: "/p", vars: { lakeUri: "/data/lake", asOfDate: "2025-03-01" }, defaultDatabase: "amt" })).toEqual([
      "compile",
      "/p",
      "--json",
      "--vars=lakeUri=/data/lake,asOfDate=2025-03-01,engine=duckdb",
      "--default-database=amt",
      "--timeout=10m",
    ]);
    expect(() => compileArgs({ projectDir: "/p", vars: { lakeUri: "/data/school_year=2025" }, defaultDatabase: "amt" })).toThrow(InputError);
    expect(compileArgs({ projectDir: "/p", vars: {}, defaultDatabase: "amt", disableAssertions: true }).at(-1)).toBe("--disable-assertions");
  });

  test("graph errors become one error naming each file", () => {
    const output = JSON.stringify({ graphErrors: { compilationErrors: [{ fileName: "definitions/staging/students.sqlx", message: 'Could not resolve "nope"', stack: "…" }] } });
    expect(() => parseCompiled(output)).toThrow(new CompileError('Dataform compilation failed:\n  definitions/staging/students.sqlx: Could not resolve "nope"'));
  });

  test("the root project compiles for DuckDB, every compiled action runs over an empty lake and its unit tests pass", async () => {
    const lake = emptyLake();
    const database = tempDatabase();
    const compiled = await compileFor({ lake, database }, lake);
    const sources = actionsOf(compiled).filter((a) => a.target.schema === "edfi_sources");
    expect(sources.map((a) => a.target.name).sort()).toEqual(["_commit_log", "_commits", ...catalog.map((e) => e.table)].sort());
    const report = await transform({ lake, database });
    expect(report.results.map((r) => r.name).sort()).toEqual(actionsOf(compiled).map((a) => a.name).sort());
    expect(report.results.filter((r) => r.status === "failed")).toEqual([]);
    expect(report.committed).toBe(true);
    expect(existsSync(database)).toBe(true);
    expect(succeeded(await testProject({ lake, database }))).toBe(true);
  }, 600_000);

  test("the lake is bound after the compile: every SQL text gets the folder in place of the stand-in, as a literal", async () => {
    const graph = await compileFor({ lake: "/x", database: tempDatabase() }, LAKE_STAND_IN);
    const bound = bindLake(graph, "/data/o'neil");
    expect(JSON.stringify(bound)).not.toContain(LAKE_STAND_IN);
    const source = (g: typeof graph) => g.operations.find((o) => o.target.name === "students")!.queries.join("\n");
    expect(source(bound)).toBe(source(graph).replaceAll(LAKE_STAND_IN, "/data/o''neil"));
    expect(source(bound)).toContain("'/data/o''neil/edfi/students/school_year=*/*.ndjson.gz'");
  }, 600_000);

  test("one compile serves every database file: the database is named in the graph after the compile", async () => {
    const projectDir = process.cwd();
    const options = { lake: "/x", asOf: "2001-02-03" }; // vars of this test's own, so a cache entry of its own
    const one = await compileFor({ ...options, database: "/data/one.duckdb" }, LAKE_STAND_IN);
    expect(JSON.stringify(one)).not.toContain(DATABASE_STAND_IN);
    const databases = (graph: typeof one) => [...new Set(graph.tables.map((t) => t.target.database))];
    expect(databases(one)).toEqual(["one"]);
    // Marked in the cache: a compile for another file returns the mark, so it did not run the CLI.
    const args = compileArgs({ projectDir, vars: compileVars(options, LAKE_STAND_IN), defaultDatabase: DATABASE_STAND_IN });
    const entry = join(projectDir, "node_modules/.cache/edfi-amt-compile", `${compileDigest(projectDir, args)}.json`);
    const marked = JSON.parse(readFileSync(entry, "utf8"));
    marked.tables[0].query = "SELECT 'from the cache'";
    writeFileSync(entry, JSON.stringify(marked));
    try {
      const two = await compileFor({ ...options, database: "/data/two.duckdb" }, LAKE_STAND_IN);
      expect(two.tables[0].query).toBe("SELECT 'from the cache'");
      expect(databases(two)).toEqual(["two"]);
    } finally {
      rmSync(entry); // the marked entry would serve a real run with the same vars
    }
  }, 600_000);

  test("--actions takes database.schema.name, the database named after the file", async () => {
    const database = join(mkdtempSync(join(tmpdir(), "engine-db-")), "district.duckdb");
    const report = await transform({ lake: emptyLake(), database, selection: { actions: ["district.edfi_sources._commit_log"], tags: [], includeDeps: false } });
    expect(report.results.map((r) => [r.name, r.status])).toEqual([["edfi_sources._commit_log", "ok"]]);
  }, 600_000);

  test("a missing or remote lake is refused before anything runs", async () => {
    const database = tempDatabase();
    await expect(transform({ lake: "/no/such/lake", database })).rejects.toThrow("Lake folder not found: /no/such/lake");
    await expect(transform({ lake: mkdtempSync(join(tmpdir(), "engine-lake-")), database })).rejects.toThrow(/has no committed extract/);
    expect(() => checkLake("gs://bucket/lake")).toThrow(InputError);
    expect(existsSync(database)).toBe(false);
  });
});

describe("npm run transform", () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "engine/cli.ts", ...args], { encoding: "utf8", timeout: 120_000 });

  test("reports progress as JSON lines off a terminal, warnings and reports, a summary, and exits 0", () => {
    const run = cli("--lake", emptyLake(), "--db", tempDatabase());
    expect(run.stderr).toMatch(/0 failed, 0 assertion\(s\) failed, 0 skipped, \d+ disabled, 1 warning\(s\) in [\d.]+s; .*amt\.duckdb updated/);
    const events = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ event: "begin" });
    // With no descriptor in the lake, no mapping rule maps anything: each is a warning (AMT-SPEC §11.2),
    // and the RLS scope list, logged on every run (§11.4), is empty.
    const rules = defaultRuleCount();
    expect(events.filter((e) => e.event === "warning")).toEqual([
      expect.objectContaining({ name: "analytics_config.DescriptorMapUnmatchedRule", rows: rules, first: expect.arrayContaining([expect.objectContaining({ ConstantName: "AttendanceEvent.Absence", CodeValue: "Excused Absence", Origin: "default" })]) }),
    ]);
    expect(events.filter((e) => e.event === "report")).toEqual([expect.objectContaining({ name: "analytics_config.rls_StaffClassificationDescriptorScopeList", rows: 0, first: [] })]);
    expect(events.at(-1)).toMatchObject({ event: "summary", committed: true, counts: { failed: 0 }, warnings: ["analytics_config.DescriptorMapUnmatchedRule"] });
    expect(run.status).toBe(0);
  });

  test("bad input exits 2 with the reason", () => {
    const run = cli("--lake", "/no/such/lake", "--db", tempDatabase());
    expect(run.stderr.trim()).toBe("Lake folder not found: /no/such/lake (run npm run extract first, or pass --lake <dir> / set LAKE_URI)");
    expect(run.status).toBe(2);
    expect(cli("--as-of", "1 March", "--lake", emptyLake(), "--db", tempDatabase()).status).toBe(2);
    const threads = cli("--threads", "0", "--lake", emptyLake(), "--db", tempDatabase());
    expect(threads.stderr.trim()).toBe("--threads must be a positive integer, got 0");
    expect(threads.status).toBe(2);
  });
});
