// The extractor against the simulator, each in its own process, measured side by side in one run:
//   efficiency  extractor records/s ÷ the simulator's raw serving rate (bench/simulator.ts) at the same
//               concurrency, against the same simulator process with the same latency. The host's speed
//               swings by a third within a minute, so rounds alternate raw rate and extract (raw, extract,
//               raw, extract, …, raw): each extract is compared with the mean of the raw rates measured
//               just before and just after it, and the median of the rounds counts
//   speed-up    the median extract over the seed project's sequential, accumulate-in-memory client
//               (bench/naive.ts)
//   ceiling     the raw serving rate while another process spins on a core, ÷ the raw rates around it:
//               the share of the raw rate left to any client that keeps a core busy, as an extractor does
//               (the simulator serves on one core; a busy neighbour core slows it on this kind of host)
//   memory      the highest peak RSS of the extracts at the big district, and relative to the highest of
//               as many extracts of a district a tenth of its size (the extractor streams pages to the
//               lake: memory must not grow with volume; a single run's peak varies by a tenth with the
//               garbage collector's timing, so both sides take the same statistic over the same count)
// Lakes and the naive client's file go to a temporary folder that is removed afterwards.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractCommand } from "../lib/extract-command.js";
import { spawnSimulator } from "../simulator/spawn.js";
import { folderBytes, runChild, type ChildRun } from "./child.js";
import { accessToken, totalCount } from "./naive.js";
import { measureServingRate, type ServingRate } from "./simulator.js";

export interface ExtractorBenchOptions {
  /** Students of the big district (efficiency, speed-up, memory at volume). */
  students: number;
  /** Students of the small district (memory baseline). */
  smallStudents: number;
  latencyMs: number;
  /** Concurrent requests of the extractor and of the raw serving-rate clients. */
  concurrency: number;
  /** Measuring time of the raw serving rate. */
  seconds: number;
  /** Extracts of the big district, each between two raw serving-rate measurements. */
  rounds: number;
  /** API paths of the resources to extract. */
  resources: string[];
}

export interface ExtractRun extends ChildRun {
  records: number;
  expected: number;
  /** Records ÷ wall time, and ÷ the work time (start-up excluded). */
  wallRate: number;
  workRate: number;
  lakeMb: number;
}

async function runExtract(base: string, options: ExtractorBenchOptions, work: string, name: string): Promise<ExtractRun> {
  const lake = join(work, name);
  const env = {
    EDFI_API_BASE_URL: base,
    EDFI_CLIENT_ID: "edfi-sim-key",
    EDFI_CLIENT_SECRET: "edfi-sim-secret",
    EDFI_SCHOOL_YEARS: "2025",
    LAKE_URI: lake,
    EXTRACT_CONCURRENCY: String(options.concurrency),
    EXTRACT_PAGE_SIZE: "500",
  };
  // Exactly what `npm run extract` runs, Node flags included.
  const run = await runChild([...extractCommand(), "--full", "--resources", options.resources.join(",")], env, join(work, `${name}.rss`));
  const rows = (run.events.summary?.rows ?? []) as { records: number; expected: number }[];
  if (run.code !== 0 || rows.length === 0) throw new Error(`extract (${name}) exited with ${run.code}:\n${run.stderr}`);
  const records = rows.reduce((sum, r) => sum + r.records, 0);
  const expected = rows.reduce((sum, r) => sum + r.expected, 0);
  const lakeMb = folderBytes(lake) / 2 ** 20;
  rmSync(lake, { recursive: true, force: true });
  return { ...run, stderr: "", records, expected, wallRate: records / run.wallSeconds, workRate: records / run.workSeconds, lakeMb };
}

async function runNaive(base: string, options: ExtractorBenchOptions, work: string) {
  const output = join(work, "naive.json");
  const run = await runChild(["--import", "tsx", "bench/naive.ts", base, options.resources.join(","), output], {}, join(work, "naive.rss"));
  const records = Number(run.events.end?.records ?? 0);
  const error = run.code === 0 ? undefined : String(run.events.failed?.error ?? run.stderr.trim());
  const fileMb = error ? 0 : statSync(output).size / 2 ** 20;
  rmSync(output, { force: true });
  const rate = (seconds: number) => (error ? NaN : records / seconds);
  return { ...run, stderr: error ? run.stderr : "", records, error, wallRate: rate(run.wallSeconds), workRate: rate(run.workSeconds), fileMb };
}

/** `measure` while another process keeps a core busy (a spin loop that touches no memory). */
async function withBusyCore<T>(measure: () => Promise<T>): Promise<T> {
  const spinner = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
  try {
    return await measure();
  } finally {
    spinner.kill("SIGKILL");
  }
}

export interface Verdict {
  goal: string;
  value: number;
  target: string;
  met: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function extractorBenchmark(options: ExtractorBenchOptions) {
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error(`rounds must be a positive integer, not ${options.rounds}`);
  const work = mkdtempSync(join(tmpdir(), "edfi-extractor-bench-"));
  const simulatorArgs = (students: number) => ["--students", String(students), "--latency-ms", String(options.latencyMs)];
  try {
    const big = await spawnSimulator(simulatorArgs(options.students));
    let totals: { path: string; total: number }[];
    const raws: ServingRate[] = [];
    const extracts: ExtractRun[] = [];
    let naive: Awaited<ReturnType<typeof runNaive>>;
    let busy: ServingRate;
    let afterBusy: ServingRate;
    try {
      const bearer = await accessToken(big.url);
      totals = await Promise.all(options.resources.map(async (path) => ({ path, total: await totalCount(big.url, bearer, path) })));
      const raw = () => measureServingRate(big.url, options.concurrency, options.seconds, totals);
      raws.push(await raw());
      for (let round = 0; round < options.rounds; round++) {
        extracts.push(await runExtract(big.url, options, work, "lake-big"));
        raws.push(await raw());
      }
      busy = await withBusyCore(raw);
      afterBusy = await raw();
      naive = await runNaive(big.url, options, work);
    } finally {
      await big.stop();
    }
    const smallSimulator = await spawnSimulator(simulatorArgs(options.smallStudents));
    const smalls: ExtractRun[] = [];
    try {
      for (let round = 0; round < options.rounds; round++) smalls.push(await runExtract(smallSimulator.url, options, work, "lake-small"));
    } finally {
      await smallSimulator.stop();
    }

    const incomplete = [...extracts, ...smalls].filter((run) => run.records !== run.expected);
    if (incomplete.length > 0) {
      console.warn(`extractor bench: landed ${incomplete.map((run) => `${run.records}/${run.expected}`).join(", ")} records (see the extract's mismatch)`);
    }
    const rounds = extracts.map((extract, i) => {
      const rawRate = (raws[i].recordsPerSecond + raws[i + 1].recordsPerSecond) / 2;
      return { extract, rawRate, efficiency: extract.workRate / rawRate, efficiencyWithStartup: extract.wallRate / rawRate };
    });
    const efficiency = median(rounds.map((r) => r.efficiency));
    const extractRate = median(extracts.map((e) => e.workRate));
    const speedUp = extractRate / naive.workRate;
    const peakRssMb = Math.max(...extracts.map((e) => e.peakRssMb));
    const records = extracts[0].records;
    const smallPeakRssMb = Math.max(...smalls.map((e) => e.peakRssMb));
    const growth = peakRssMb / smallPeakRssMb;
    const verdicts: Verdict[] = [
      { goal: `efficiency (extract records/s ÷ raw serving rate; median of ${rounds.length})`, value: efficiency, target: "≥ 0.90", met: efficiency >= 0.9 },
      { goal: "speed-up over the sequential in-memory client", value: speedUp, target: "≥ 5", met: !naive.error && speedUp >= 5 },
      { goal: `peak RSS at ${records} records (MB)`, value: peakRssMb, target: "≤ 150", met: peakRssMb <= 150 },
      { goal: `peak RSS ${records} ÷ ${smalls[0].records} records (highest of ${smalls.length} each)`, value: growth, target: "≤ 1.2", met: growth <= 1.2 },
    ];
    const rawRate = median(raws.map((r) => r.recordsPerSecond));
    return {
      students: options.students,
      smallStudents: options.smallStudents,
      latencyMs: options.latencyMs,
      concurrency: options.concurrency,
      resources: totals,
      raws,
      busy,
      afterBusy,
      rounds,
      naive,
      smalls,
      ratios: {
        efficiency,
        efficiencyWithStartup: median(rounds.map((r) => r.efficiencyWithStartup)),
        speedUp,
        speedUpWithStartup: median(extracts.map((e) => e.wallRate)) / naive.wallRate,
        /** The speed-up of a client as fast as the (median) raw serving rate: the most any extractor can reach here. */
        speedUpCeiling: rawRate / naive.workRate,
        /** The raw serving rate with a core kept busy ÷ the raw rates just before and after it. */
        busyCoreCeiling: busy.recordsPerSecond / ((raws[raws.length - 1].recordsPerSecond + afterBusy.recordsPerSecond) / 2),
        rssGrowth: growth,
      },
      verdicts,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export type ExtractorBenchResult = Awaited<ReturnType<typeof extractorBenchmark>>;

/** The figures as printed by `npm run bench -- extractor`. */
export function printExtractorResult(result: ExtractorBenchResult): void {
  const { raws, busy, afterBusy, rounds, naive, smalls } = result;
  const r = (n: number) => Math.round(n).toLocaleString("en-US");
  const s = (n: number) => n.toFixed(1);
  const rawRow = (name: string, raw: ServingRate) => ({ run: name, records: raw.records, "wall s": s(raw.seconds), "start-up s": "-", "work s": s(raw.seconds), "records/s (wall)": r(raw.recordsPerSecond), "records/s (work)": r(raw.recordsPerSecond), "CPU s": "-", "peak RSS MB": "-", efficiency: "-" });
  const runRow = (name: string, run: Omit<ExtractRun, "expected" | "lakeMb">, efficiency?: number) => ({ run: name, records: run.records, "wall s": s(run.wallSeconds), "start-up s": s(run.startupSeconds), "work s": s(run.workSeconds), "records/s (wall)": r(run.wallRate), "records/s (work)": r(run.workRate), "CPU s": s(run.cpuSeconds), "peak RSS MB": s(run.peakRssMb), efficiency: efficiency === undefined ? "-" : efficiency.toFixed(2) });
  console.log(`extractor: ${result.students} students (small district ${result.smallStudents}), latency ${result.latencyMs} ms, concurrency ${result.concurrency}`);
  console.log(`  resources: ${result.resources.map((t) => `${t.path} ${t.total}`).join(", ")}`);
  console.table([
    rawRow(`raw serving rate (${raws[0].concurrency} clients)`, raws[0]),
    ...rounds.flatMap((round, i) => [runRow(`extract ${i + 1} (÷ mean of the raw rates around it)`, round.extract, round.efficiency), rawRow("raw serving rate", raws[i + 1])]),
    rawRow("raw serving rate, another core busy", busy),
    rawRow("raw serving rate", afterBusy),
    runRow("naive sequential client" + (naive.error ? " (FAILED)" : ""), naive),
    ...smalls.map((small, i) => runRow(`extract ${i + 1}, small district`, small)),
  ]);
  if (naive.error) console.log(`  naive client failed: ${naive.error}`);
  console.log(`  lake ${s(rounds[0].extract.lakeMb)} MB gzip NDJSON; naive JSON file ${s(naive.fileMb)} MB`);
  console.log(`  with start-up included: efficiency ${result.ratios.efficiencyWithStartup.toFixed(2)}, speed-up ${result.ratios.speedUpWithStartup.toFixed(1)}×`);
  console.log(`  speed-up ceiling (median raw serving rate ÷ naive client): ${result.ratios.speedUpCeiling.toFixed(1)}×`);
  console.log(`  efficiency ceiling of a client that keeps a core busy (raw rate with a spinning process ÷ the raw rates around it): ${result.ratios.busyCoreCeiling.toFixed(2)}`);
  console.table(result.verdicts.map((v) => ({ goal: v.goal, measured: Number(v.value.toFixed(2)), target: v.target, verdict: v.met ? "PASS" : "MISS" })));
}
