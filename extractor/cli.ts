// `npm run extract -- [options]` and `npm run extract -- status`.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { exportProxyVariables, loadEnvironment } from "../lib/env.js";
import { printSummary } from "../lib/progress.js";
import { ConfigError, parseSettings, type Settings } from "./config.js";
import { extract, InputError } from "./extract.js";
import { openLake } from "./lake/index.js";
import { jsonLinesProgress, ttyProgress } from "./progress.js";
import { LOCK_PATH, type LockHolder } from "./lock.js";
import { manifestPath, readState, type Manifest, type YearState } from "./state.js";
import { summaryRows } from "./summary.js";

const parser = yargs(hideBin(process.argv))
  .scriptName("npm run extract --")
  .usage("$0 [options]\n\nExtract the Ed-Fi resources the Analytics Middle Tier needs into the lake.\nSettings come from the environment or .env (see .env-sample); flags override them.")
  .option("resources", { type: "string", describe: "Comma-separated resources to extract (default: all in the catalog)" })
  .option("years", { type: "string", describe: "School years, e.g. 2024,2025 (EDFI_SCHOOL_YEARS)" })
  .option("full", { type: "boolean", default: false, describe: "Full snapshot even where a watermark allows an incremental run" })
  .option("lake", { type: "string", describe: "Lake folder or gs://bucket/prefix (LAKE_URI)" })
  .option("concurrency", { type: "number", describe: "Parallel requests (EXTRACT_CONCURRENCY)" })
  .option("page-size", { type: "number", describe: "Records per page (EXTRACT_PAGE_SIZE)" })
  .option("dry-run", { type: "boolean", default: false, describe: "Discover and plan (windows, snapshots, paging) and check the client may read every resource, without writing anything" })
  .command("$0", "extract (default)")
  .command("status", "show the watermarks and the last runs")
  .strict()
  .version(false)
  .help();

function settingsFrom(argv: Awaited<ReturnType<typeof parser.parseAsync>>, env: Record<string, string | undefined>): Settings {
  const flag = (value: unknown) => (value === undefined ? undefined : String(value));
  return parseSettings(env, {
    EDFI_SCHOOL_YEARS: flag(argv.years),
    LAKE_URI: flag(argv.lake),
    EXTRACT_CONCURRENCY: flag(argv.concurrency),
    EXTRACT_PAGE_SIZE: flag(argv["page-size"]),
  });
}

/** A year's lowest watermark (where its next run starts), and how many resources stand at each watermark when they differ. */
function watermarks(year: YearState): { watermark: number | null; resources: string } {
  const counts = new Map<number | null, number>();
  for (const { watermark } of Object.values(year.resources)) counts.set(watermark, (counts.get(watermark) ?? 0) + 1);
  const known = [...counts.keys()].filter((w) => w !== null);
  const resources = [...counts].sort(([a], [b]) => (a ?? -1) - (b ?? -1)).map(([w, n]) => `${n} at ${w ?? "none"}`);
  return { watermark: known.length ? Math.min(...known) : null, resources: resources.join(", ") || "none: the next run reads every resource in full" };
}

async function status(settings: Pick<Settings, "LAKE_URI">): Promise<void> {
  const lake = openLake(settings.LAKE_URI);
  const state = await readState(lake);
  console.log(`Lake: ${lake.uri}`);
  const lock = await lake.readJson<LockHolder>(LOCK_PATH);
  if (lock) console.log(`Locked by run ${lock.run_id} (process ${lock.pid} on ${lock.host}, started ${lock.started_at}, renewed ${lock.renewed_at})`);
  console.table(Object.entries(state.years).map(([year, s]) => ({ year, ...watermarks(s), "last run": s.lastRunId, "last full run": s.lastFullRunId ?? null, updated: s.updatedAt })));
  const runs = (await lake.list("_runs/")).slice(-10);
  const manifests = await Promise.all(runs.map((path) => lake.readJson<Manifest>(path)));
  console.table(
    manifests.filter((m): m is Manifest => m !== undefined).map((m) => ({
      run: m.runId,
      status: m.status,
      years: m.years.map((y) => `${y.schoolYear}${y.full ? " full" : ""}`).join(", "),
      records: m.years.reduce((sum, y) => sum + y.resources.reduce((s, r) => s + r.landed, 0), 0),
      retries: m.http.retries,
      seconds: m.finishedAt ? Math.round((Date.parse(m.finishedAt) - Date.parse(m.startedAt)) / 1000) : null,
    })),
  );
}

try {
  const argv = await parser.parseAsync();
  const command = argv._[0];
  const env = loadEnvironment(process.env);
  // Both commands may reach a gs:// lake, whose client reads the proxy from the process environment.
  exportProxyVariables(env);
  if (command === "status") {
    await status({ LAKE_URI: argv.lake ?? env.LAKE_URI ?? "./lake" });
  } else {
    const settings = settingsFrom(argv, env);
    const tty = Boolean(process.stdout.isTTY);
    const progress = tty ? ttyProgress(process.stdout) : jsonLinesProgress(process.stdout);
    const { manifest } = await extract(settings, {
      resources: argv.resources ? argv.resources.split(",").map((s) => s.trim()).filter(Boolean) : [],
      full: argv.full,
      dryRun: argv["dry-run"],
      progress,
    });
    printSummary(summaryRows(manifest), tty);
    if (!argv["dry-run"]) console.error(`Run ${manifest.runId} ${manifest.status}; manifest at ${manifestPath(manifest.runId)} in ${settings.LAKE_URI}`);
  }
} catch (error) {
  const message = (error as Error).message;
  if (error instanceof ConfigError || error instanceof InputError) {
    console.error(message);
    process.exit(2);
  }
  console.error(`extract failed: ${message}`);
  process.exit(1);
}
