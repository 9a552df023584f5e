// The embedded engine's staging build on a simulator district's lake, measured side by side in one run:
//   full build   `npm run transform -- --full-refresh` of the sources and staging, ÷ a plain DuckDB scan
//                that parses every JSON line of the same lake (the floor any build must pay)
//   incremental  the same build after a 1% mutation and an incremental extract, ÷ the full build
//   memory       peak RSS of the transform processes
// Build times are the engine's own (compile excluded, reported separately), assertions left out: they
// check the build rather than make it, and cost the same after a small change as after a full load. The lake and databases go
// to a temporary folder that is removed afterwards.
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractCommand } from "../lib/extract-command.js";
import { spawnSimulator } from "../simulator/spawn.js";
import { folderBytes, runChild, type ChildRun } from "./child.js";

export interface TransformBenchOptions {
  students: number;
  /** Share of records the simulator changes before the incremental run. */
  mutation: number;
}

const LINE_COLUMNS = "{id: 'VARCHAR', resource: 'VARCHAR', operation: 'VARCHAR', change_version: 'BIGINT', extracted_at: 'VARCHAR', run_id: 'VARCHAR', snapshot: 'BOOLEAN', data: 'VARCHAR'}";

/** Every line of the lake read and its record parsed (the id taken out), with DuckDB's default threads. */
async function plainScan(lake: string) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const started = performance.now();
    const reader = await connection.runAndReadAll(
      `SELECT count(*) AS lines, count(json_extract_string(data, '$.id')) AS parsed
       FROM read_json('${lake}/edfi/*/school_year=*/*.ndjson.gz', format = 'newline_delimited', columns = ${LINE_COLUMNS})`,
    );
    const [lines] = reader.getRows()[0];
    return { seconds: (performance.now() - started) / 1000, lines: Number(lines) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function extract(base: string, lake: string, work: string, name: string): Promise<ChildRun> {
  const env = { EDFI_API_BASE_URL: base, EDFI_CLIENT_ID: "edfi-sim-key", EDFI_CLIENT_SECRET: "edfi-sim-secret", EDFI_SCHOOL_YEARS: "2025", LAKE_URI: lake };
  const run = await runChild(extractCommand(), env, join(work, `${name}.rss`));
  if (run.code !== 0) throw new Error(`extract (${name}) exited with ${run.code}:\n${run.stderr}`);
  return run;
}

async function transform(lake: string, database: string, work: string, name: string, args: string[]) {
  const run = await runChild(["--import", "tsx", "engine/cli.ts", "--lake", lake, "--db", database, "--tags", "sources,staging", "--disable-assertions", ...args], {}, join(work, `${name}.rss`));
  const summary = run.events.summary as { seconds: number; counts: Record<string, number> } | undefined;
  if (run.code !== 0 || !summary) throw new Error(`transform (${name}) exited with ${run.code}:\n${run.stderr}`);
  // The begin line comes after the compile: wall time before it is compile and module loading.
  return { buildSeconds: summary.seconds, compileSeconds: run.startupSeconds, wallSeconds: run.wallSeconds, peakRssMb: run.peakRssMb, counts: summary.counts };
}

export async function transformBenchmark(options: TransformBenchOptions) {
  const work = mkdtempSync(join(tmpdir(), "bench-transform-"));
  const lake = join(work, "lake");
  const database = join(work, "amt.duckdb");
  const simulator = await spawnSimulator(["--students", String(options.students)]);
  try {
    await extract(simulator.url, lake, work, "extract-full");
    const lakeMb = folderBytes(lake) / 2 ** 20;
    const scan = await plainScan(lake);
    const full = await transform(lake, database, work, "transform-full", ["--full-refresh"]);
    const mutated = await fetch(`${simulator.url}/admin/mutate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ fraction: options.mutation }) });
    if (!mutated.ok) throw new Error(`mutation failed: ${mutated.status}`);
    await extract(simulator.url, lake, work, "extract-incremental");
    const incremental = await transform(lake, database, work, "transform-incremental", []);
    const ratio = (a: number, b: number) => a / b;
    return {
      students: options.students,
      mutation: options.mutation,
      lake: { lines: scan.lines, mb: lakeMb },
      plainScanSeconds: scan.seconds,
      full,
      incremental,
      goals: [
        { goal: "full staging build ÷ plain scan", value: ratio(full.buildSeconds, scan.seconds), target: "≤ 2", met: ratio(full.buildSeconds, scan.seconds) <= 2 },
        { goal: `incremental after a ${options.mutation * 100}% mutation ÷ full build`, value: ratio(incremental.buildSeconds, full.buildSeconds), target: "≤ 0.10", met: ratio(incremental.buildSeconds, full.buildSeconds) <= 0.1 },
      ],
    };
  } finally {
    await simulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

export function printTransformResult(result: Awaited<ReturnType<typeof transformBenchmark>>) {
  console.log(`transform: ${result.students} students, lake ${result.lake.lines} lines (${result.lake.mb.toFixed(0)} MB gzip)`);
  console.log(`  plain scan parsing every line: ${result.plainScanSeconds.toFixed(1)} s`);
  for (const [name, run] of [["full build", result.full], ["incremental build", result.incremental]] as const) {
    console.log(`  ${name}: ${run.buildSeconds.toFixed(1)} s (+ ${run.compileSeconds.toFixed(1)} s compile and start-up), peak RSS ${run.peakRssMb.toFixed(0)} MB`);
  }
  console.table(result.goals.map((g) => ({ goal: g.goal, value: g.value.toFixed(3), target: g.target, met: g.met ? "yes" : "NO" })));
}
