// @slow (test/support/sequencer.js): over a minute.
// `npm run demo` end to end, as the README's first command runs it (simulator → extract → build with
// assertions → unit tests → summary), then the query command its summary prints, run as printed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const npmRun = (script: string, ...args: string[]) => spawnSync("npm", ["run", "-s", script, "--", ...args], { encoding: "utf8", timeout: 240_000 });
const { views } = createRequire(import.meta.url)("../includes/amt_contract.js") as { views: Record<string, { schema?: string }> };
const CORE_VIEWS = Object.keys(views).filter((name) => !/^(rls|chrab|ews|asmt|equity)_/.test(name));
const CONFIG_VIEWS = Object.keys(views).filter((name) => views[name].schema);

describe("npm run demo", () => {
  const work = mkdtempSync(join(tmpdir(), "demo-"));
  const db = join(work, "amt.duckdb");
  const demo = () => npmRun("demo", "--students", "30", "--lake", join(work, "lake"), "--db", db);

  test("builds the AMT of a simulated district with every assertion and unit test passing, and sums it up", () => {
    const run = demo();
    expect(run.stderr).toMatch(/^Run \S+ succeeded; manifest at \S+ in .*\n$/); // the extractor's last line, nothing else
    expect(run.status).toBe(0);
    expect(existsSync(join(work, "lake", "_commits"))).toBe(true);
    const summary = run.stdout.slice(run.stdout.lastIndexOf("AMT views (schema analytics), rows as of 2025-03-01:"));
    expect(CORE_VIEWS).toHaveLength(18);
    // The simulated district gives every view rows, the collections' included (issue 8).
    for (const view of Object.keys(views).filter((name) => !CONFIG_VIEWS.includes(name))) expect(summary).toMatch(new RegExp(`^  ${view} +[1-9]\\d*$`, "m"));
    expect(summary).toMatch(/^Actions: [1-9]\d* passed, 0 failed$/m);
    expect(summary).toMatch(/^Assertions: [1-9]\d* passed, 0 failed$/m);
    expect(summary).toMatch(/^Unit tests: [1-9]\d* passed, 0 failed$/m);
    expect(summary).toMatch(/^Warnings: none$/m); // the simulator's descriptors are the defaults' (AMT-SPEC §12.1)
    expect(summary).toMatch(/^Time: [\d.]+s \(simulator [\d.]+s, extract [\d.]+s, compile [\d.]+s during the extract, build [\d.]+s, unit tests [\d.]+s, summary [\d.]+s\)$/m);
    expect(summary).toContain(`Lake:     ${join(work, "lake")}`);
    expect(summary).toContain(`Database: ${db}\n`);

    // The first query command of the summary, run by a shell exactly as printed.
    const command = /^Query it: (npm run query -- .*)$/m.exec(summary)![1];
    const query = spawnSync("sh", ["-c", command.replace("npm run query", "npm run -s query")], { encoding: "utf8" });
    expect(query.stderr).toBe("");
    expect(query.status).toBe(0);
    expect(query.stdout.split("\n")[0]).toMatch(/^StudentSchoolKey +StudentKey +SchoolKey /);
    expect(query.stdout).toMatch(/^\(5 rows\)$/m);

    // Objective assessments have performance levels of their own, which the fact prefers to the overall one.
    const objectiveLevels = npmRun("query", "--db", db, 'SELECT count(*) AS n FROM analytics."asmt_StudentAssessmentFact" WHERE PerformanceResult <> StudentAssessmentPerformanceResult');
    expect(objectiveLevels.stdout).toMatch(/^ *[1-9]\d*$/m);
  }, 300_000);

  test("runs again on the same lake and database: an incremental extract and build", () => {
    const run = demo();
    expect(run.status).toBe(0);
    const modes = [...run.stdout.matchAll(/"mode":"(\w+)"/g)].map((m) => m[1]);
    expect(new Set(modes)).toEqual(new Set(["incremental"]));
    expect(run.stdout).toContain('"detail":"merged"');
    expect(run.stdout).toMatch(/^Unit tests: [1-9]\d* passed, 0 failed$/m);
  }, 300_000);
});

describe("npm run query", () => {
  const work = mkdtempSync(join(tmpdir(), "query-"));
  const db = join(work, "small.duckdb");

  beforeAll(async () => {
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'one', NULL), (22, 'twenty-two', DATE '2025-01-31')) AS v(n, name, day)");
    connection.closeSync();
    instance.closeSync();
  });

  test("prints the rows as an aligned table, numbers right-aligned, NULL shown, with the row count", () => {
    const run = npmRun("query", "--db", db, "SELECT * FROM t ORDER BY n");
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe([" n  name        day", "--  ----------  ----------", " 1  one         NULL", "22  twenty-two  2025-01-31", "(2 rows)", ""].join("\n"));
  });

  test("--max-rows cuts the listing and says so", () => {
    expect(npmRun("query", "--db", db, "--max-rows", "1", "SELECT n FROM t ORDER BY n").stdout).toBe(["n", "-", "1", "(2 rows, first 1 shown)", ""].join("\n"));
  });

  test("a bad query fails with DuckDB's message and exit code 1; the file is read-only", () => {
    const bad = npmRun("query", "--db", db, "SELEC 1");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^Query failed: Parser Error: syntax error at or near "SELEC"/);
    const write = npmRun("query", "--db", db, "DROP TABLE t");
    expect(write.status).toBe(1);
    expect(write.stderr).toMatch(/^Query failed: .*read-only/i);
    expect(npmRun("query", "--db", db, "SELECT count(*) AS n FROM t").stdout).toContain("(1 row)");
  });

  test("a missing database file is named, with exit code 2", () => {
    const missing = join(work, "missing.duckdb");
    const run = npmRun("query", "--db", missing, "SELECT 1");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`Database file not found: ${missing} (build it with npm run demo or npm run transform, or pass --db <file>)\n`);
    expect(existsSync(missing)).toBe(false);
  });
});
