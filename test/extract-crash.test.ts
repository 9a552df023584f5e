// Crash safety of `npm run extract`: the CLI is killed with SIGKILL at seeded points of full and
// incremental runs. A point is "right after the k-th resource finished" or "right after a year was
// committed" (_state.json replaced), so it does not depend on the machine's speed. After every kill the
// watermark must not be ahead of the lake, and later runs to completion must give the same current
// records as a clean run.
import { watch } from "node:fs";
import { gunzipSync } from "node:zlib";
import { openLake } from "../extractor/lake/index.js";
import { manifestPath, STATE_PATH, type Manifest, type State } from "../extractor/state.js";
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
 * Why the lake does not back the state, if it does not: each year's watermark must come from a run whose
 * manifest lists the year with that window end, and the files of that run and of the year's last full
 * snapshot must all exist.
 */
async function watermarksAheadOfLake(lakeUri: string): Promise<string[]> {
  const lake = openLake(lakeUri);
  const parts = new Set(await lake.list("edfi/"));
  const problems: string[] = [];
  for (const [year, { watermark, lastRunId, lastFullRunId }] of Object.entries((await lake.readJson<State>(STATE_PATH))?.years ?? {})) {
    const committed = async (runId: string) => (await lake.readJson<Manifest>(manifestPath(runId)))?.years.find((y) => y.schoolYear === Number(year));
    const last = await committed(lastRunId);
    const full = await committed(lastFullRunId);
    if (last?.window.to !== watermark) problems.push(`${year}: watermark ${watermark}, but run ${lastRunId} committed ${last ? `up to ${last.window.to}` : "nothing for the year"}`);
    if (!full?.full) problems.push(`${year}: run ${lastFullRunId} committed no full snapshot of the year`);
    const missing = [last, full].flatMap((y) => y?.resources.flatMap((r) => r.files.map((f) => f.path)) ?? []).filter((path) => !parts.has(path));
    if (missing.length > 0) problems.push(`${year}: ${missing.length} committed part files are missing, e.g. ${missing[0]}`);
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
