// The embedded engine on a simulator district's lake, measured side by side in one run:
//   staging      `npm run transform -- --tags sources,staging --full-refresh`, ÷ a plain DuckDB scan
//                that parses every JSON line of the same lake (the floor any build must pay); the scan
//                runs before and after each build measured against it, and the build is divided by
//                the mean of the two (the host's speed drifts by up to 1.5× within minutes)
//   incremental  the same build after a 1% mutation and an incremental extract, ÷ the full build
//   AMT          the whole graph from the lake (sources, staging, the AMT core and every collection),
//                full refresh, into a database of its own, ÷ the plain scan; and the AMT alone (core and
//                every collection, tag amt) on a copy of the full staging build, ÷ the plain scan: the
//                issue's "full AMT build (core + collections)" read either way
//   memory       peak RSS of the transform processes
//   view reads   reading the AMT views whole once (work the build leaves to readers), reported only
// Build times are the engine's own (compile excluded, reported separately), assertions left out: they
// check the build rather than make it, and cost the same after a small change as after a full load.
// CPU seconds (all threads) are reported beside wall times: on a busy machine they are the steadier
// measure. The lake and databases go to a temporary folder that is removed afterwards.
import type { DuckDBConnection } from "@duckdb/node-api";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withDatabase } from "../engine/duckdb-sql.js";
import { extractCommand } from "../lib/extract-command.js";
import { spawnSimulator } from "../simulator/spawn.js";
import { folderBytes, runChild, type ChildRun } from "./child.js";

export interface TransformBenchOptions {
  students: number;
  /** Share of records the simulator changes before the incremental run. */
  mutation: number;
}

const LINE_COLUMNS = "{id: 'VARCHAR', resource: 'VARCHAR', operation: 'VARCHAR', change_version: 'BIGINT', extracted_at: 'VARCHAR', run_id: 'VARCHAR', snapshot: 'BOOLEAN', data: 'VARCHAR'}";

/** A connection to `database` (read-only) with DuckDB's default threads, for `use`. */
function withDuckDb<T>(database: string, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  return withDatabase(database, database === ":memory:" ? {} : { access_mode: "READ_ONLY" }, use);
}

/** `sql`'s wall and CPU seconds, and the first value it returns. */
async function timed(connection: DuckDBConnection, sql: string) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const reader = await connection.runAndReadAll(sql);
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, value: Number(reader.getRows()[0][0]) };
}

/** Every line of the lake read and its record parsed (the id taken out). */
async function plainScan(lake: string) {
  const { value, ...time } = await withDuckDb(":memory:", (connection) =>
    timed(
      connection,
      `SELECT count(*) AS lines, count(json_extract_string(data, '$.id')) AS parsed
       FROM read_json('${lake}/edfi/*/school_year=*/*.ndjson.gz', format = 'newline_delimited', columns = ${LINE_COLUMNS})`,
    ),
  );
  return { ...time, lines: value };
}

type Time = { seconds: number; cpuSeconds: number };

/** The mean of two measurements: the scans just before and just after a build. */
const meanOf = (a: Time, b: Time): Time => ({ seconds: (a.seconds + b.seconds) / 2, cpuSeconds: (a.cpuSeconds + b.cpuSeconds) / 2 });

/**
 * Every row and column of the AMT relations built as views (the day facts over the enrolled days), read
 * once, one after another: the work the build leaves to readers. The row hash makes every column computed.
 */
async function viewReads(database: string) {
  return withDuckDb(database, async (connection) => {
    const names = (await connection.runAndReadAll("SELECT view_name FROM duckdb_views() WHERE schema_name = 'analytics' ORDER BY 1")).getRows().map(([name]) => String(name));
    const total = { views: names.length, rows: 0, seconds: 0, cpuSeconds: 0 };
    for (const name of names) {
      const read = await timed(connection, `SELECT count(*), max(hash(v)) FROM analytics."${name}" AS v`);
      Object.assign(total, { rows: total.rows + read.value, seconds: total.seconds + read.seconds, cpuSeconds: total.cpuSeconds + read.cpuSeconds });
    }
    return total;
  });
}

async function extract(base: string, lake: string, work: string, name: string): Promise<ChildRun> {
  const env = { EDFI_API_BASE_URL: base, EDFI_CLIENT_ID: "edfi-sim-key", EDFI_CLIENT_SECRET: "edfi-sim-secret", EDFI_SCHOOL_YEARS: "2025", LAKE_URI: lake };
  const run = await runChild(extractCommand(), env, join(work, `${name}.rss`));
  if (run.code !== 0) throw new Error(`extract (${name}) exited with ${run.code}:\n${run.stderr}`);
  return run;
}

/** `npm run transform` with `args` (assertions left out); build time from its summary line. */
async function transform(lake: string, database: string, work: string, name: string, args: string[]) {
  const run = await runChild(["--import", "tsx", "engine/cli.ts", "--lake", lake, "--db", database, "--disable-assertions", ...args], {}, join(work, `${name}.rss`));
  const summary = run.events.summary as { seconds: number; counts: Record<string, number> } | undefined;
  if (run.code !== 0 || !summary) throw new Error(`transform (${name}) exited with ${run.code}:\n${run.stderr}`);
  // The begin line comes after the compile: wall time before it is compile and module loading.
  return { buildSeconds: summary.seconds, compileSeconds: run.startupSeconds, wallSeconds: run.wallSeconds, cpuSeconds: run.cpuSeconds, peakRssMb: run.peakRssMb, counts: summary.counts };
}

const STAGING = ["--tags", "sources,staging"];

export async function transformBenchmark(options: TransformBenchOptions) {
  const work = mkdtempSync(join(tmpdir(), "bench-transform-"));
  const lake = join(work, "lake");
  const database = join(work, "amt.duckdb");
  const simulator = await spawnSimulator(["--students", String(options.students)]);
  try {
    await extract(simulator.url, lake, work, "extract-full");
    const lakeMb = folderBytes(lake) / 2 ** 20;
    const scans = [await plainScan(lake)];
    const full = await transform(lake, database, work, "transform-full", [...STAGING, "--full-refresh"]);
    scans.push(await plainScan(lake));
    const staged = join(work, "amt-on-staging.duckdb");
    copyFileSync(database, staged);
    const amtAlone = await transform(lake, staged, work, "transform-amt-alone", ["--tags", "amt", "--full-refresh"]);
    rmSync(staged);
    scans.push(await plainScan(lake));
    const amtDatabase = join(work, "amt-full.duckdb");
    const amt = await transform(lake, amtDatabase, work, "transform-amt", ["--full-refresh"]);
    scans.push(await plainScan(lake));
    const reads = await viewReads(amtDatabase);
    const mutated = await fetch(`${simulator.url}/admin/mutate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ fraction: options.mutation }) });
    if (!mutated.ok) throw new Error(`mutation failed: ${mutated.status}`);
    await extract(simulator.url, lake, work, "extract-incremental");
    const incremental = await transform(lake, database, work, "transform-incremental", STAGING);
    const goal = (text: string, value: number, cpu: number, limit: number) => ({ goal: text, value, cpu, target: `≤ ${limit}`, met: value <= limit });
    const ofScan = (text: string, build: { buildSeconds: number; cpuSeconds: number }, scan: Time, limit: number) =>
      goal(text, build.buildSeconds / scan.seconds, build.cpuSeconds / scan.cpuSeconds, limit);
    return {
      students: options.students,
      mutation: options.mutation,
      lake: { lines: scans[0].lines, mb: lakeMb },
      plainScans: scans.map(({ seconds, cpuSeconds }) => ({ seconds, cpuSeconds })),
      full,
      incremental,
      amt,
      amtAlone,
      viewReads: reads,
      goals: [
        ofScan("full staging build ÷ plain scan", full, meanOf(scans[0], scans[1]), 2),
        goal(`incremental after a ${options.mutation * 100}% mutation ÷ full build`, incremental.buildSeconds / full.buildSeconds, incremental.cpuSeconds / full.cpuSeconds, 0.1),
        ofScan("full AMT build (staging, core, collections) ÷ plain scan", amt, meanOf(scans[2], scans[3]), 3),
        ofScan("AMT build alone (core, collections; on staging) ÷ plain scan", amtAlone, meanOf(scans[1], scans[2]), 3),
      ],
    };
  } finally {
    await simulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

export function printTransformResult(result: Awaited<ReturnType<typeof transformBenchmark>>) {
  console.log(`transform: ${result.students} students, lake ${result.lake.lines} lines (${result.lake.mb.toFixed(0)} MB gzip)`);
  const scans = result.plainScans.map((s) => `${s.seconds.toFixed(1)} s (${s.cpuSeconds.toFixed(1)} s CPU)`);
  console.log(`  plain scan parsing every line, before the full staging build, then after it, after the AMT alone and after the whole graph: ${scans.join(", ")}`);
  const runs = [
    ["full staging build", result.full],
    ["incremental staging build", result.incremental],
    ["full AMT build", result.amt],
    ["AMT build alone, on the full staging build", result.amtAlone],
  ] as const;
  for (const [name, run] of runs) {
    console.log(`  ${name}: ${run.buildSeconds.toFixed(1)} s (+ ${run.compileSeconds.toFixed(1)} s compile and start-up), ${run.cpuSeconds.toFixed(1)} s CPU, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
  }
  const reads = result.viewReads;
  console.log(`  reading the ${reads.views} AMT views whole once (${reads.rows} rows, left to readers by the build): ${reads.seconds.toFixed(1)} s (${reads.cpuSeconds.toFixed(1)} s CPU)`);
  console.table(result.goals.map((g) => ({ goal: g.goal, "wall ratio": g.value.toFixed(3), "CPU ratio": g.cpu.toFixed(3), target: g.target, met: g.met ? "yes" : "NO" })));
}
