// One extraction run: discover the API, then per school year read every selected resource (a full
// snapshot the first time or with --full, else the change window since the watermark, with its deletes
// and key changes) into the lake, and advance that year's watermark only once all its files are durable.
import { randomBytes } from "node:crypto";
import { catalog, resourcesFor, type CatalogEntry } from "../lib/catalog.js";
import { ApiClient, ApiError, getPublicStandalone, type RetryEvent } from "./api/client.js";
import { describeStatus } from "./api/retry.js";
import { pageMemory } from "./buffer-pool.js";
import type { Settings } from "./config.js";
import { describeApi, type ApiShape } from "./discover.js";
import { openLake } from "./lake/index.js";
import type { Lake, Operation, PartitionWriter } from "./lake/types.js";
import { Limit, Serial } from "../lib/limit.js";
import type { Progress } from "./progress.js";
import { countRecords, DistinctIds, readAll, readLog, ReadError, type ReadTarget, type Strategy } from "./read.js";
import { LakeLock } from "./lock.js";
import { commitLog, commitLogPath, manifestPath, readState, STATE_PATH, type Manifest, type ResourceResult, type State, type YearResult, type YearState } from "./state.js";

export interface ExtractOptions {
  /** Catalog resource names (or API paths / table names) to extract; all when empty. */
  resources: string[];
  full: boolean;
  dryRun: boolean;
  progress: Progress;
}

/** A run-time failure (API, lake). */
export class ExtractError extends Error {}

/** Bad input from the user (unknown resource, wrong years for the API): exit code 2. */
export class InputError extends Error {}

/**
 * Run ids sort in run order (downstream replays runs by id): a UTC timestamp to the millisecond, kept
 * later than every earlier run's even if the clock goes back, plus a random suffix.
 */
export function newRunId(previous: readonly string[], now = Date.now()): string {
  const parse = (id: string) => Date.parse(id.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z.*$/, "$1-$2-$3T$4:$5:$6.$7Z"));
  const latest = Math.max(0, ...previous.map(parse).filter(Number.isFinite));
  const time = new Date(Math.max(now, latest + 1)).toISOString().replace(/[-:.]/g, "");
  return `${time}-${randomBytes(3).toString("hex")}`;
}

/**
 * Give every catalog resource the API's data standard does not have (e.g. DS 4's
 * studentDisciplineIncidentAssociations on DS 5) one empty part per year, once, so the warehouse's
 * sources over the lake always find a file.
 */
async function placeholdersForAbsentResources(lake: Lake, api: ApiShape, years: number[], runId: string): Promise<void> {
  const absent = catalog.filter((entry) => entry.paths[api.dataStandard] === undefined);
  for (const entry of absent) {
    for (const schoolYear of years) {
      if ((await lake.list(`edfi/${entry.table}/school_year=${schoolYear}/`)).length > 0) continue;
      await lake.openPartition({ table: entry.table, schoolYear, runId }).close();
    }
  }
}

/** The catalog entries selected by name, API path or table; unknown names are an error listing the valid ones. */
export function selectResources(api: ApiShape, names: string[]): CatalogEntry[] {
  const available = resourcesFor(api.dataStandard);
  if (names.length === 0) return available;
  const unknown = names.filter((n) => !available.some((e) => [e.resource, e.table, e.paths[api.dataStandard]].includes(n)));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown resource(s) for data standard ${api.dataStandard}: ${unknown.join(", ")}. Valid: ${available.map((e) => e.resource).join(", ")}`,
    );
  }
  return available.filter((e) => names.some((n) => [e.resource, e.table, e.paths[api.dataStandard]].includes(n)));
}

interface YearPlan {
  year: number;
  /** Per selected resource (table name): the first change version to read (its watermark + 1), or undefined to read it in full. */
  starts: Record<string, number | undefined>;
  /** The newest change version read (inclusive); undefined without change queries. */
  max?: number;
  snapshotHeaders: Record<string, string>;
  snapshot: string | null;
  strategy: Strategy;
}

/** The year's newest change version (of a snapshot with its headers), or undefined without change queries. */
async function newestChangeVersion(api: ApiShape, client: ApiClient, year: number, headers: Record<string, string> = {}): Promise<number | undefined> {
  const response = await client.get(`${api.changeQueriesUrl(year)}availableChangeVersions`, `availableChangeVersions ${year}`, headers);
  if (response.status === 404 || response.status === 410) return undefined;
  if (response.status !== 200) throw new ExtractError(`GET availableChangeVersions ${year} failed: HTTP ${response.status}`);
  const body = JSON.parse(response.body) as Record<string, number>;
  return body.newestChangeVersion ?? body.NewestChangeVersion;
}

const NEAR_YEARS = 10;

/** The school years near `year` whose data a year-specific API serves: it has no list of them, so an error can only probe. */
async function servedYearsNear(api: ApiShape, client: ApiClient, year: number, probe: string): Promise<number[]> {
  const candidates = Array.from({ length: 2 * NEAR_YEARS + 1 }, (_, i) => year - NEAR_YEARS + i).filter((y) => y !== year);
  const served = await Promise.all(candidates.map(async (y) => (await client.get(`${api.dataUrl(y)}ed-fi/${probe}?limit=0`, `${probe} ${y} probe`)).status === 200));
  return candidates.filter((_, i) => served[i]);
}

/**
 * What the API can do for this year (change versions, a snapshot to pin reads to, the paging to use), and
 * which of `entries` to read in full: all with `full`, else those without a watermark or with one past the
 * API's newest version.
 */
async function planYear(api: ApiShape, client: ApiClient, year: number, state: YearState | undefined, entries: CatalogEntry[], full: boolean, probe: string): Promise<YearPlan> {
  const cq = api.changeQueriesUrl(year);
  const live = await newestChangeVersion(api, client, year);
  if (live === undefined && api.yearSpecific) {
    // No change versions: the API has no change queries, or no ODS for this year (then its data 404s too).
    const response = await client.get(`${api.dataUrl(year)}ed-fi/${probe}?limit=0`, `${probe} ${year} probe`);
    if (response.status === 404) {
      const served = await servedYearsNear(api, client, year, probe);
      throw new InputError(
        `The API has no school year ${year} (GET ${api.dataUrl(year)}ed-fi/${probe}: HTTP 404); of the years within ${NEAR_YEARS} of it, it serves ${served.join(", ") || "none"}; set EDFI_SCHOOL_YEARS to school years it serves`,
      );
    }
  }
  let snapshotHeaders: Record<string, string> = {};
  let snapshot: string | null = null;
  if (api.snapshotHeader === "Use-Snapshot") {
    snapshotHeaders = { "Use-Snapshot": "true" };
    snapshot = "Use-Snapshot";
  } else {
    const listed = await client.get(`${cq}snapshots`, `snapshots ${year}`);
    const snapshots = listed.status === 200 ? (JSON.parse(listed.body) as { snapshotIdentifier: string; snapshotDateTime: string }[]) : [];
    const latest = snapshots.sort((a, b) => a.snapshotDateTime.localeCompare(b.snapshotDateTime)).at(-1);
    if (latest) {
      snapshotHeaders = { "Snapshot-Identifier": latest.snapshotIdentifier };
      snapshot = latest.snapshotIdentifier;
    }
  }
  const pinned = snapshot ? await newestChangeVersion(api, client, year, snapshotHeaders) : undefined;
  const watermarks = new Map(entries.map((entry) => [entry.table, state?.resources[entry.table]?.watermark ?? null]));
  const highest = Math.max(-1, ...[...watermarks.values()].filter((w) => w !== null));
  // A snapshot behind a resource's watermark, or at it while the live API has moved on (the district has
  // not taken a new one yet), would hide new changes, or with --full land older records than the lake
  // has: read live instead, with a safe strategy.
  if (pinned === undefined || (live !== undefined && (pinned < highest || (pinned === highest && live > highest)))) {
    snapshotHeaders = {};
    snapshot = null;
  }
  const max = snapshot ? pinned : live;
  // A watermark past the API's newest change version means the API's database was restored or rebuilt:
  // its changes since may carry versions the lake already read past, so the resource is read in full.
  const start = (watermark: number | null) => (!full && watermark !== null && max !== undefined && watermark <= max ? watermark + 1 : undefined);
  const starts = Object.fromEntries([...watermarks].map(([table, watermark]) => [table, start(watermark)]));
  const strategy: Strategy = api.cursorPaging ? "cursor" : snapshot ? "offset" : max !== undefined ? "reverse" : "plain";
  return { year, starts, max, snapshotHeaders, snapshot, strategy };
}

/** The plan as progress shows it: the lowest start among the resources read incrementally, and how many are read in full. */
function describePlan(plan: YearPlan) {
  const starts = Object.values(plan.starts);
  const incremental = starts.filter((start) => start !== undefined);
  const inFull = starts.length - incremental.length;
  return {
    full: incremental.length === 0,
    from: incremental.length ? Math.min(...incremental) : null,
    to: plan.max ?? null,
    resourcesInFull: inFull,
    snapshot: plan.snapshot,
    strategy: plan.strategy,
  };
}

/**
 * The API paths of `entries` the API refuses this client for `year` (403: its claim set does not cover
 * them), each asked for no records: their records, or with `sub` "/deletes" their change queries.
 */
async function refusedResources(api: ApiShape, client: ApiClient, year: number, entries: CatalogEntry[], sub = ""): Promise<string[]> {
  const refused = await Promise.all(
    entries.map((entry) => {
      const path = entry.paths[api.dataStandard] as string;
      // Not through the run's request slots: after a refused read, the other resources' reads hold them.
      return client.get(`${api.dataUrl(year)}ed-fi/${path}${sub}?limit=0`, `${path}${sub} ${year} probe`).then(
        (response) => (response.status === 403 ? [path] : []),
        () => [], // a probe that fails otherwise names nothing
      );
    }),
  );
  return refused.flat();
}

/**
 * An error naming every resource of the plan's year the client may not read, or undefined when it may
 * read them all: their records first, then, when the API has change queries, their deletes (a claim set
 * can allow the one and not the other, and incremental runs need both). The district fixes the claim
 * set once rather than once per resource.
 */
async function accessError(api: ApiShape, client: ApiClient, plan: YearPlan, entries: CatalogEntry[]): Promise<ExtractError | undefined> {
  const { year } = plan;
  const refused = await refusedResources(api, client, year, entries);
  if (refused.length) {
    return new ExtractError(
      `The API refuses this client ${refused.length} resource(s) of school year ${year} (HTTP 403): ${refused.join(", ")}. ` +
        "Ask the API's administrator to give the client's claim set read access to them: the AMT reads every resource the extractor asks for.",
    );
  }
  if (plan.max === undefined) return undefined;
  const changes = await refusedResources(api, client, year, entries, "/deletes");
  if (!changes.length) return undefined;
  const logs = api.keyChanges ? "/deletes and /keyChanges" : "/deletes";
  return new ExtractError(
    `The API lets this client read the records of ${changes.length} resource(s) of school year ${year} but refuses their changes (${logs}, HTTP 403): ${changes.join(", ")}. ` +
      "Ask the API's administrator to let the client's claim set read their changes too: incremental runs read them to remove what the district deleted.",
  );
}

/** `error`, or, when it is the API refusing a read, the error of accessError. */
async function explainRefusal(api: ApiShape, client: ApiClient, plan: YearPlan, entries: CatalogEntry[], error: unknown): Promise<unknown> {
  if (!(error instanceof ReadError && error.status === 403)) return error;
  return (await accessError(api, client, plan, entries)) ?? error;
}

/** Catch-up rounds a live full walk may take (catchUp) before its resource is reported unsettled. */
const MAX_CATCH_UP_ROUNDS = 20;

/**
 * After a full walk read live (no snapshot) up to the change version at its start (`bound`): a record
 * changed during the walk left its window, and one deleted during it was read all the same. The run is a
 * full snapshot, so downstream would take the first for deleted and the second for current until the
 * next run. Each round reads the changes, deletes and key changes after the last round's bound into the
 * same run (`readWindow`), until a check finds nothing of the resource changed since that bound: every
 * record is then landed as it was at the check. A round's own changes are the next round's.
 */
async function catchUp(bound: number, changedSince: (version: number) => Promise<boolean>, newest: () => Promise<number>, readWindow: (min: number, max: number) => Promise<void>) {
  for (let rounds = 0, from = bound; ; rounds++) {
    if (!(await changedSince(from))) return { rounds, settled: true };
    if (rounds === MAX_CATCH_UP_ROUNDS) return { rounds, settled: false };
    const to = await newest();
    await readWindow(from + 1, to);
    from = to;
  }
}

/** Inclusive change-version bounds of a read; either may be open. */
type ChangeWindow = { min?: number; max?: number };

async function extractResource(
  ctx: { api: ApiShape; client: ApiClient; limit: Limit; pages: Limit; lake: Lake; settings: Settings; runId: string; progress: Progress },
  plan: YearPlan,
  entry: CatalogEntry,
): Promise<ResourceResult> {
  const started = performance.now();
  const path = entry.paths[ctx.api.dataStandard] as string;
  // How this resource's requests name themselves (ApiClient `what`): in errors, and to count its retries.
  const label = `${path} ${plan.year}`;
  const start = plan.starts[entry.table];
  const full = start === undefined;
  const window: ChangeWindow = { min: start, max: plan.max };
  const writer: PartitionWriter = ctx.lake.openPartition({ table: entry.table, schoolYear: plan.year, runId: ctx.runId });
  const serial = new Serial();
  // Only the reverse and plain walks can return a record twice; the others count pages' items.
  const ids = plan.strategy === "reverse" || plan.strategy === "plain" ? new DistinctIds() : undefined;
  let upserts = 0;
  const counts = { deletes: 0, keyChanges: 0 };
  const base = { resource: entry.resource, school_year: plan.year, run_id: ctx.runId, snapshot: full };
  // Strictly increasing within the partition: of a run's lines for one record, the one extracted last is current.
  let lastExtracted = 0;
  const extractedAt = () => new Date((lastExtracted = Math.max(Date.now(), lastExtracted + 1))).toISOString();
  const target = (url: string, operation: Operation, headers: Record<string, string>, { min, max }: ChangeWindow = window): ReadTarget => ({
    client: ctx.client,
    limit: ctx.limit,
    pages: ctx.pages,
    url,
    what: `${label}${operation === "upsert" ? "" : " " + url.split("/").at(-1)}`,
    pageSize: ctx.settings.EXTRACT_PAGE_SIZE,
    minChangeVersion: min,
    maxChangeVersion: max,
    headers,
    onPage: (page) =>
      serial.run(async () => {
        const records = page.scan();
        try {
          await writer.writePage({ envelope: { ...base, operation, extracted_at: extractedAt() }, records });
          if (ids && operation === "upsert") for (let i = 0; i < records.count; i++) ids.add(records.id(i));
        } finally {
          pageMemory.release(records.escaped); // the lines are built: nothing reads the records after this
        }
        if (operation === "upsert") upserts += records.count;
        else if (operation === "delete") counts.deletes += records.count;
        else counts.keyChanges += records.count;
        ctx.progress.page(plan.year, entry.resource, records.count);
      }),
  });
  const url = `${ctx.api.dataUrl(plan.year)}ed-fi/${path}`;
  const readChangeLogs = async (logWindow: ChangeWindow) => {
    await readLog(target(`${url}/deletes`, "delete", {}, logWindow));
    if (ctx.api.keyChanges && entry.keyChanges) await readLog(target(`${url}/keyChanges`, "key_change", {}, logWindow));
  };
  try {
    ctx.progress.start(plan.year, entry.resource, label);
    const { expected, recount } = await readAll(target(url, "upsert", plan.snapshotHeaders), plan.strategy);
    const landed = ids?.size ?? upserts;
    let catchUpResult: ResourceResult["catchUp"];
    if (!full) await readChangeLogs(window);
    else if (!plan.snapshot && plan.max !== undefined) {
      const walked = upserts;
      const { rounds, settled } = await catchUp(
        plan.max,
        async (version) => (await countRecords(target(url, "upsert", {}, { min: version + 1 }))) + (await countRecords(target(`${url}/deletes`, "delete", {}, { min: version + 1 }))) > 0,
        async () => {
          const newest = await newestChangeVersion(ctx.api, ctx.client, plan.year);
          if (newest === undefined) throw new ExtractError(`${path} ${plan.year}: the API stopped answering availableChangeVersions during the run`);
          return newest;
        },
        async (min, max) => {
          await readAll(target(url, "upsert", {}, { min, max }), plan.strategy);
          await readChangeLogs({ min, max });
        },
      );
      catchUpResult = { rounds, settled, upserts: upserts - walked };
    }
    const files = await writer.close();
    let mismatch: string | undefined;
    if (recount !== undefined && recount !== expected) mismatch = `Total-Count changed from ${expected} to ${recount} during the read`;
    else if (plan.snapshot && landed !== expected) mismatch = `landed ${landed} records, Total-Count said ${expected}`;
    else if (!plan.snapshot && landed > expected) mismatch = `landed ${landed} records, more than Total-Count ${expected}`;
    else if (catchUpResult && !catchUpResult.settled) mismatch = `records kept changing through ${catchUpResult.rounds} catch-up rounds; the next run lands the rest`;
    const result = {
      resource: entry.resource,
      table: entry.table,
      expected,
      landed,
      ...counts,
      full,
      from: full ? null : start - 1,
      ...(catchUpResult ? { catchUp: catchUpResult } : {}),
      files,
      seconds: (performance.now() - started) / 1000,
      ...(mismatch ? { mismatch } : {}),
    };
    ctx.progress.done(plan.year, entry.resource, result);
    return result;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export interface ExtractResult {
  manifest: Manifest;
  state: State;
}

/**
 * Fetch the root document (no token needed) and describe the API. Retried as every request is (a host
 * that does not resolve, or a refusal of the proxy, is not), each retry told to `onRetry`.
 */
export async function discoverApi(settings: Settings, onRetry?: (event: RetryEvent) => void): Promise<ApiShape> {
  const url = `${settings.EDFI_API_BASE_URL}/`;
  const failed = (reason: string) => new ExtractError(`Cannot read the Ed-Fi API root document at ${url}: ${reason}`);
  let response;
  try {
    response = await getPublicStandalone(url, "the API root document", { maxRetries: settings.EXTRACT_MAX_RETRIES, timeoutMs: 30_000, onRetry });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw failed(`${error.reason}${error.attempts > 1 ? ` (after ${error.attempts} attempts)` : ""}`);
  }
  if (response.status !== 200) throw failed(`HTTP ${describeStatus(response.status)}`);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch (error) {
    throw failed(`not JSON (${(error as Error).message})`);
  }
  return describeApi(settings.EDFI_API_BASE_URL, body);
}

export async function extract(settings: Settings, options: ExtractOptions): Promise<ExtractResult> {
  const api = await discoverApi(settings, (event) => options.progress.retry(event));
  const entries = selectResources(api, options.resources);
  const everyResource = entries.length === resourcesFor(api.dataStandard).length;
  const years = settings.EDFI_SCHOOL_YEARS;
  if (!api.yearSpecific && years.length !== 1) {
    throw new InputError(`The API at ${settings.EDFI_API_BASE_URL} is a shared instance: set EDFI_SCHOOL_YEARS to the one school year that labels it (got ${years.join(",")})`);
  }
  const lake = openLake(settings.LAKE_URI, { maxPartBytes: settings.EXTRACT_PART_MB * 1024 * 1024, gzipLevel: settings.EXTRACT_GZIP_LEVEL });
  const previousRuns = (await lake.list("_runs/")).map((path) => path.slice("_runs/".length));
  const runId = newRunId([...previousRuns, ...Object.values((await readState(lake)).years).map((y) => y.lastRunId)]);
  // The watermarks are read again once no other run can move them.
  const lock = options.dryRun ? undefined : await LakeLock.acquire(lake, runId);
  const state = await readState(lake).catch(async (error) => {
    await lock?.release();
    throw error;
  });
  const client = new ApiClient({
    apiUrl: settings.EDFI_API_BASE_URL,
    tokenUrl: api.oauthUrl(years[0]),
    clientId: settings.EDFI_CLIENT_ID,
    clientSecret: settings.EDFI_CLIENT_SECRET,
    concurrency: settings.EXTRACT_CONCURRENCY,
    maxRetries: settings.EXTRACT_MAX_RETRIES,
    retryBaseMs: 250,
    retryMaxMs: 30_000,
    timeoutMs: 60_000,
    onRetry: (event) => options.progress.retry(event),
  });
  const manifest: Manifest = {
    runId,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    status: "running",
    api: { baseUrl: settings.EDFI_API_BASE_URL, version: api.version, dataStandard: api.dataStandard, dataModelVersion: api.dataModelVersion, yearSpecific: api.yearSpecific },
    settings: { concurrency: settings.EXTRACT_CONCURRENCY, pageSize: settings.EXTRACT_PAGE_SIZE, full: options.full, resources: entries.map((e) => e.resource) },
    years: [],
    http: { requests: 0, retries: 0, tokenRequests: 0 },
    ...(lock?.tookOver ? { lockTakenOver: lock.tookOver } : {}),
  };
  const limit = new Limit(settings.EXTRACT_CONCURRENCY);
  // Each request slot's sequence may hold a page in flight and one being written.
  const pages = new Limit(2 * settings.EXTRACT_CONCURRENCY);
  const commits = new Serial();
  const ctx = { api, client, limit, pages, lake, settings, runId, progress: options.progress };
  options.progress.begin({ runId, api, years, resources: entries.map((e) => e.resource) });
  try {
    // Every year is planned before any is read: a year the API does not serve stops the run before it reads.
    const plans = await Promise.all(years.map((year) => planYear(api, client, year, state.years[year], entries, options.full, entries[0].paths[api.dataStandard] as string)));
    for (const plan of plans) options.progress.plan(plan.year, describePlan(plan));
    // Once a year fails the run fails, and the other years' reads, still going, commit nothing.
    let failed = false;
    const extractYear = async (plan: YearPlan) => {
      const year = plan.year;
      const resources = await Promise.all(entries.map((entry) => extractResource(ctx, plan, entry)));
      // Every file of the year is durable: record the year in the manifest, then advance its watermark.
      await commits.run(async () => {
        if (failed) return;
        lock?.assertHeld();
        const { full, from } = describePlan(plan);
        const committed: YearResult = {
          schoolYear: year,
          full,
          window: { from: from === null ? null : from - 1, to: plan.max ?? null },
          snapshot: plan.snapshot,
          paging: plan.strategy,
          resources,
          committedAt: new Date().toISOString(),
        };
        // The commit log line is the commit point downstream; the manifest and state follow it.
        await lake.writeText(commitLogPath(runId, year), commitLog(runId, committed));
        manifest.years.push(committed);
        await lake.writeJson(manifestPath(runId), manifest);
        const previous = state.years[year];
        const lastFullRunId = full && everyResource ? runId : previous?.lastFullRunId;
        const read = entries.map((entry) => [entry.table, { watermark: plan.max ?? null, runId }]);
        state.years[year] = {
          resources: { ...previous?.resources, ...Object.fromEntries(read) },
          lastRunId: runId,
          ...(lastFullRunId ? { lastFullRunId } : {}),
          updatedAt: new Date().toISOString(),
        };
        await lake.writeJson(STATE_PATH, state);
      });
    };
    if (!options.dryRun) {
      await Promise.all(
        plans.map((plan) =>
          extractYear(plan).catch(async (error: unknown) => {
            failed = true;
            throw await explainRefusal(api, client, plan, entries, error);
          }),
        ),
      );
      await placeholdersForAbsentResources(lake, api, years, runId);
    } else {
      // A dry run also checks that the client may read every resource and its changes: the first runs' usual failure.
      for (const plan of plans) {
        const problem = await accessError(api, client, plan, entries);
        if (problem) throw problem;
      }
    }
    manifest.status = "succeeded";
  } catch (error) {
    manifest.status = "failed";
    manifest.error = (error as Error).message;
    throw error;
  } finally {
    manifest.finishedAt = new Date().toISOString();
    manifest.http = { requests: client.counters.requests, retries: client.counters.retries, tokenRequests: client.counters.tokenRequests };
    client.close();
    if (!options.dryRun) await lake.writeJson(manifestPath(runId), manifest).catch(() => undefined);
    await lock?.release().catch(() => undefined); // a lock left behind is taken over as stale
    options.progress.end(manifest);
  }
  return { manifest, state };
}
