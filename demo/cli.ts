// `npm run demo`: the whole job on a laptop, with nothing to configure. Serves a synthetic district from
// the simulator (in this process) and extracts it into a local lake with the `npm run extract` command (in
// its own process, as users run it) while the Dataform project compiles for DuckDB; then runs every action
// and assertion, then every unit test, on that one compiled graph, and ends with a summary. A second run
// extracts and builds incrementally from what the first one left.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { extractCommand } from "../lib/extract-command.js";
import { InputError } from "../engine/errors.js";
import { jsonLinesProgress, ttyProgress } from "../engine/progress.js";
import { queryDatabase } from "../engine/query.js";
import { runGraph, runTests, succeeded } from "../engine/run-graph.js";
import { checkLake, compileFor } from "../engine/transform.js";
import { startSimulator } from "../simulator/server.js";
import { demoSummary, PHASES, rowCountsSql } from "./summary.js";

const argv = await yargs(hideBin(process.argv))
  .scriptName("npm run demo --")
  .usage("$0 [options]\n\nSimulator → extract → sources, staging, AMT, assertions and unit tests on DuckDB, into a local lake and a DuckDB file.")
  .option("students", { type: "number", default: 1000, describe: "Size of the simulated district" })
  .option("seed", { type: "number", default: 1, describe: "Seed of the simulated district" })
  .option("as-of", { type: "string", default: "2025-03-01", describe: "AMT's today (asOfDate): a day of the simulated 2024-25 school year, so that current enrollments and assignments exist" })
  .option("lake", { type: "string", default: "./lake", describe: "Lake folder" })
  .option("db", { type: "string", default: "./amt.duckdb", describe: "DuckDB file to build" })
  .strict()
  .version(false)
  .help()
  .parseAsync();

const lake = resolve(argv.lake);
const database = resolve(argv.db);
const tty = Boolean(process.stdout.isTTY);
const started = performance.now();
const seconds: Record<string, number> = {};

/** Runs `work` and records its time under `name`. */
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const begun = performance.now();
  try {
    return await work();
  } finally {
    seconds[name] = (performance.now() - begun) / 1000;
  }
}

/** One phase after the other, each under a heading. */
function phase<T>(name: string, heading: string, work: () => Promise<T>): Promise<T> {
  console.log(`\n== ${heading}`);
  return timed(name, work);
}

function extract(url: string): Promise<void> {
  const env = { ...process.env, EDFI_API_BASE_URL: url, EDFI_CLIENT_ID: "edfi-sim-key", EDFI_CLIENT_SECRET: "edfi-sim-secret", EDFI_SCHOOL_YEARS: "2025" };
  const child = spawn(process.execPath, [...extractCommand(), "--lake", lake], { stdio: "inherit", env });
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("exit", (code) => (code === 0 ? done() : fail(new Error(`npm run extract exited with ${code}`))));
  });
}

try {
  const simulator = await phase("simulator", `Simulator: a ${argv.students}-student district (seed ${argv.seed})`, () => startSimulator({ students: argv.students, seed: argv.seed }));
  // The compile needs the lake's path, not its files: it runs alongside the extract (a CPU of its own).
  const compiling = timed("compile", () => compileFor({ lake, database, asOf: argv["as-of"] }, lake));
  compiling.catch(() => undefined); // awaited below; a failed extract must not leave it unhandled
  try {
    await phase("extract", `Extract: ${simulator.url} → ${lake} (npm run extract), compiling the Dataform project for DuckDB meanwhile`, () => extract(simulator.url));
  } finally {
    await simulator.stop();
  }
  checkLake(lake);
  const graph = await compiling;
  const progress = () => (tty ? ttyProgress(process.stdout) : jsonLinesProgress(process.stdout));
  const build = await phase("build", `Build sources, staging, AMT and assertions into ${database}`, () => runGraph(graph, { database, progress: progress() }));
  const tests = await phase("unit tests", "Dataform unit tests", () => runTests(graph, { database, progress: progress() }));
  const views = await phase("summary", "Summary", async () => {
    const tables = await queryDatabase(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'analytics' ORDER BY 1");
    return queryDatabase(database, rowCountsSql(tables.rows.map(([name]) => String(name)), "analytics"));
  });
  const phases = PHASES.map((name): [string, number] => [name, seconds[name]]);
  console.log(demoSummary({ build, tests, views, phases, seconds: (performance.now() - started) / 1000, lake, database, asOf: argv["as-of"] }));
  process.exitCode = succeeded(build) && succeeded(tests) ? 0 : 1;
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exitCode = error instanceof InputError ? 2 : 1;
}
