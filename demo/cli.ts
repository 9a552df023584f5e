// `npm run demo`: the whole job on a laptop, with nothing to configure. Serves a synthetic district from
// the simulator (in this process), extracts it into a local lake with the `npm run extract` command (in
// its own process, as users run it), then compiles the Dataform project once for DuckDB and runs every
// action and assertion, then every unit test, on that graph; ends with a summary. A second run extracts
// and builds incrementally from what the first one left.
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
import { demoSummary, rowCountsSql, type DemoOutcome } from "./summary.js";

const argv = await yargs(hideBin(process.argv))
  .scriptName("npm run demo --")
  .usage("$0 [options]\n\nSimulator → extract → sources, staging, AMT, assertions and unit tests on DuckDB, into a local lake and a DuckDB file.")
  .option("students", { type: "number", default: 1000, describe: "Size of the simulated district" })
  .option("seed", { type: "number", default: 1, describe: "Seed of the simulated district" })
  .option("lake", { type: "string", default: "./lake", describe: "Lake folder" })
  .option("db", { type: "string", default: "./amt.duckdb", describe: "DuckDB file to build" })
  .strict()
  .version(false)
  .help()
  .parseAsync();

const lake = resolve(argv.lake);
const database = resolve(argv.db);
const tty = Boolean(process.stdout.isTTY);
const phases: DemoOutcome["phases"] = [];

/** Runs one phase under a heading and records its time. */
async function phase<T>(name: string, heading: string, work: () => Promise<T>): Promise<T> {
  console.log(`\n== ${heading}`);
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases.push([name, (performance.now() - started) / 1000]);
  }
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
  try {
    await phase("extract", `Extract: ${simulator.url} → ${lake} (npm run extract)`, () => extract(simulator.url));
  } finally {
    await simulator.stop();
  }
  const progress = () => (tty ? ttyProgress(process.stdout) : jsonLinesProgress(process.stdout));
  const graph = await phase("compile", "Compile the Dataform project for DuckDB (dataform compile)", () => compileFor({ lake, database }, checkLake(lake)));
  const build = await phase("build", `Build sources, staging, AMT and assertions into ${database}`, () => runGraph(graph, { database, progress: progress() }));
  const tests = await phase("unit tests", "Dataform unit tests", () => runTests(graph, { database, progress: progress() }));
  const views = await phase("summary", "Summary", async () => {
    const tables = await queryDatabase(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'analytics' ORDER BY 1");
    return queryDatabase(database, rowCountsSql(tables.rows.map(([name]) => String(name)), "analytics"));
  });
  console.log(demoSummary({ build, tests, views, phases, lake, database }));
  process.exitCode = succeeded(build) && succeeded(tests) ? 0 : 1;
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exitCode = error instanceof InputError ? 2 : 1;
}
