// Crash safety of `npm run extract`: the CLI is killed with SIGKILL at seeded points of full and
// incremental runs. A point is "right after the k-th resource finished" or "right after a year was
// committed" (_state.json replaced), so it does not depend on the machine's speed. After every kill the
// watermark must not be ahead of the lake, and later runs to completion must give the same current
// records as a clean run.
import { watch } from "node:fs";
import { gunzipSync } from "node:zlib";
import { openLake } from "../extractor/lake/index.js";
import { STATE_PATH, type Manifest, type State } from "../extractor/state.js";
import { below } from "../simulator/random.js";
import { startSimulator } from "../simulator/server.js";
import { compareWithSimulator, settingsFor, tempLake } from "./support/extract.js";
import { envOf, PART_FILE, startCli, type CliResult, type Env } from "./support/extract-cli.js";

const SEED = 20250;
/** A cut of the catalog with key changes, deletes and multi-page resources keeps each run short. */
const RESOURCES = [
  "schools", "sessions", "sections", "staffs", "students", "studentSchoolAssociations",
  "studentSectionAssociations", "studentSchoolAttendanceEvents", "grades", "calendarDates",
];
const ARGS = ["--resources", RESOURCES.join(",")];

/** Run the CLI and SIGKILL it right after its k-th resource event (0: as it begins) or its first commit. */
async function runAndKill(lakeUri: string, env: Env, at: number | "commit"): Promise<CliResult> {
  let resources = 0;
  const run = startCli(ARGS, env, (line) => {
    if (line.includes('"event":"resource"')) resources++;
    if (at === resources && /"event":"(begin|resource)"/.test(line)) run.child.kill("SIGKILL");
  });
  const watcher = watch(lakeUri, (_, file) => {
    if (at === "commit" && file === STATE_PATH) run.child.kill("SIGKILL");
  });
  try {
    return await run.done;
  } finally {
    watcher.close();
  }
}

/**
 * Why the lake does not back the state, if it does not: each resource's watermark must come from a run
 * whose manifest lists the resource in that year with that window end, an earlier or the same run must
 * have read it in full, and the files of those reads must all exist.
 */
async function watermarksAheadOfLake(lakeUri: string): Promise<string[]> {
  const lake = openLake(lakeUri);
  const parts = new Set(await lake.list("edfi/"));
  const manifests = (await Promise.all((await lake.list("_runs/")).map((path) => lake.readJson<Manifest>(path)))).sort((a, b) => a!.runId.localeCompare(b!.runId));
  const problems: string[] = [];
  for (const [year, { resources }] of Object.entries((await lake.readJson<State>(STATE_PATH))?.years ?? {})) {
    for (const [table, { watermark, runId }] of Object.entries(resources)) {
      // The resource's committed reads of the year, up to the run that set its watermark, newest last.
      const reads = manifests
        .filter((m) => m!.runId <= runId)
        .flatMap((m) => m!.years.filter((y) => y.schoolYear === Number(year)).flatMap((y) => y.resources.filter((r) => r.table === table).map((r) => ({ runId: m!.runId, to: y.window.to, read: r }))));
      const last = reads.at(-1);
      const full = reads.filter((r) => r.read.full).at(-1);
      if (last?.runId !== runId || last.to !== watermark) problems.push(`${year} ${table}: watermark ${watermark} of run ${runId}, but that run committed ${last?.runId === runId ? `up to ${last.to}` : "nothing of it"}`);
      if (!full) problems.push(`${year} ${table}: no committed full read`);
      const absent = [last, full].flatMap((r) => r?.read.files.map((f) => f.path) ?? []).filter((path) => !parts.has(path));
      if (absent.length > 0) problems.push(`${year} ${table}: ${absent.length} committed part files are missing, e.g. ${absent[0]}`);
    }
  }
  return problems;
}

test("SIGKILL at any point never leaves a watermark ahead of the lake, and later runs land the exact set", async () => {
  const sim = await startSimulator({ students: 60, mode: "year-specific", years: [2024, 2025], latencyMs: 3 });
  try {
    const lakeUri = tempLake();
    const env = envOf(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "20", EXTRACT_CONCURRENCY: "4" }));
    const events = RESOURCES.length * sim.options.years.length;
    // Kills during the first full runs, one run to completion, then kills during incremental runs after mutations.
    const steps = ["kill", "commit", "kill", "kill", "commit", "complete", "mutate", "kill", "commit", "kill", "kill", "mutate", "commit", "kill", "kill", "commit"] as const;
    let killed = 0;
    for (const [i, step] of steps.entries()) {
      if (step === "mutate") {
        sim.mutate(0.05);
        continue;
      }
      const result = step === "complete" ? await startCli(ARGS, env).done : await runAndKill(lakeUri, env, step === "commit" ? "commit" : below(events, SEED, i));
      if (result.signal === "SIGKILL") killed++;
      else expect(result.stderr).toMatch(/^Run \S+ succeeded/);
      expect([i, await watermarksAheadOfLake(lakeUri)]).toEqual([i, []]);
    }
    expect(killed).toBeGreaterThanOrEqual(10);

    for (let i = 0; i < 2; i++) expect((await startCli(ARGS, env).done).stderr).toMatch(/^Run \S+ succeeded/);
    expect(await watermarksAheadOfLake(lakeUri)).toEqual([]);
    expect(await compareWithSimulator(sim, lakeUri, RESOURCES)).toEqual([]);

    // Killed writers leave at most hidden temporaries: every part file a reader globs is a whole gzip.
    const lake = openLake(lakeUri);
    const parts = (await lake.list("edfi/")).filter((path) => PART_FILE.test(path));
    expect(parts.length).toBeGreaterThan(0);
    const truncated: string[] = [];
    for (const path of parts) {
      try {
        gunzipSync(await lake.readFile(path));
      } catch {
        truncated.push(path);
      }
    }
    expect(truncated).toEqual([]);
  } finally {
    await sim.stop();
  }
}, 120_000);
