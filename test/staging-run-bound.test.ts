// The run bound of an incremental staging table (includes/staging.js, the pre-operation of every
// incremental model), run on DuckDB over made-up tables: lines of runs after it are read again. It is
// the newest run the table holds, or the run before it when a school year that committed that run has
// no rows of it (a build may have come between the years of one run, or the run brought it no lines).
// staging-e2e covers the whole path on simulator lakes; this covers each case of the rule.
import { DuckDBInstance } from "@duckdb/node-api";
import { createRequire } from "node:module";

// The includes read the compile vars from Dataform's global, as in the Dataform sandbox.
(globalThis as { dataform?: unknown }).dataform = { projectConfig: { vars: { engine: "duckdb" } } };
const staging = createRequire(import.meta.url)("../includes/staging.js") as {
  incrementalPreparation(ctx: { self(): string; ref(schema: string, name: string): string }, entry: { table: string }): string[];
};

/** [school year, run id] pairs. */
type Runs = [number, string][];

/** The bound of table `grades` holding `staged` rows, with `committed` runs of grades in the lake's commit log. */
async function runBound(staged: Runs, committed: Runs): Promise<string> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run("CREATE TABLE staged (school_year INTEGER, _run_id VARCHAR)");
    await connection.run("CREATE TABLE commits (run_id VARCHAR, school_year INTEGER, snapshot BOOLEAN, table_name VARCHAR)");
    for (const [year, run] of staged) await connection.run(`INSERT INTO staged VALUES (${year}, '${run}')`);
    for (const [year, run] of committed) await connection.run(`INSERT INTO commits VALUES ('${run}', ${year}, false, 'grades')`);
    // Another table's runs, which would change the answers below if they counted.
    await connection.run("INSERT INTO commits VALUES ('r1z', 2024, false, 'students'), ('r2', 2023, false, 'students')");
    const ctx = { self: () => "staged", ref: () => "commits" };
    for (const sql of staging.incrementalPreparation(ctx, { table: "grades" })) await connection.run(sql);
    return String((await connection.runAndReadAll("SELECT getvariable('since_grades')")).getRows()[0][0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const both = (...runs: string[]): Runs => runs.flatMap((run) => [[2024, run], [2025, run]] as Runs);

describe("the run bound of an incremental staging table", () => {
  test.each<[string, Runs, Runs, string]>([
    ["an empty table reads every run", [], both("r1"), ""],
    ["one school year: its newest run", [[2025, "r1"], [2025, "r2"]], [[2025, "r1"], [2025, "r2"]], "r2"],
    ["every year that committed the newest run has rows of it: that run", [[2024, "r2"], [2025, "r1"], [2025, "r2"]], both("r1", "r2"), "r2"],
    ["a year committed the newest run but has no rows of it (a build between the run's years): the run before", [[2024, "r1"], [2025, "r2"]], both("r1", "r2"), "r1"],
    ["a year that did not take part in the newest run does not hold it back", [[2024, "r1"], [2025, "r2"]], [...both("r1"), [2025, "r2"]], "r2"],
    ["a year whose runs bring no lines holds it back by one run only, not to its last change", [[2024, "r1"], [2025, "r5"]], both("r1", "r2", "r3", "r4", "r5"), "r4"],
    ["a new year whose first run is the newest, without rows of it: the run before", [[2025, "r2"]], [[2025, "r1"], [2025, "r2"], [2026, "r2"]], "r1"],
    ["the first run, not staged for every year it committed: every run", [[2025, "r1"]], [[2025, "r1"], [2026, "r1"]], ""],
  ])("%s", async (_, staged, committed, expected) => {
    expect(await runBound(staged, committed)).toBe(expected);
  });
});
