// Extraction state (watermarks) and run manifests, kept next to the data in the lake.
//   _state.json          per school year and resource: the change version up to which the lake is complete
//   _commits/school_year=<YYYY>/<runId>.ndjson   a year's commit: written once all its files are durable
//   _runs/<runId>.json   what a run landed; a year is listed once it is committed
import type { Lake, WrittenFile } from "./lake/types.js";

export const STATE_PATH = "_state.json";
export const manifestPath = (runId: string) => `_runs/${runId}.json`;
export const commitLogPath = (runId: string, year: number) => `_commits/school_year=${year}/${runId}.ndjson`;

/**
 * The commit log of one run and year, one NDJSON line per resource: what the warehouse reads to tell
 * committed runs (and which of them are full snapshots) from crashed ones, with no other input.
 */
export function commitLog(runId: string, year: YearResult): string {
  return year.resources
    .map((r) => JSON.stringify({ run_id: runId, school_year: year.schoolYear, resource: r.resource, table_name: r.table, snapshot: r.full, committed_at: year.committedAt }) + "\n")
    .join("");
}

/** How far the lake holds one resource's changes for a school year. */
export interface ResourceState {
  /** Newest change version whose changes to the resource are all in the lake; null when the API has no change queries. */
  watermark: number | null;
  /** The run that read the resource up to it. */
  runId: string;
}

export interface YearState {
  /**
   * Per resource (catalog table name). Each has its own watermark, so a run over some resources leaves
   * the others' where they were; a resource not listed (never read, or new to the catalog) is read in full.
   */
  resources: Record<string, ResourceState>;
  lastRunId: string;
  /** The newest run that read every resource of the year in full, once one has. */
  lastFullRunId?: string;
  updatedAt: string;
}

export interface State {
  version: 2;
  years: Record<string, YearState>;
}

/** A year's state as version 1 wrote it: one watermark for every resource, `partial` once a run over some of them moved it. */
interface YearStateV1 {
  watermark: number | null;
  lastRunId: string;
  lastFullRunId: string;
  partial?: boolean;
  updatedAt: string;
}

/**
 * A version 1 year: its watermark holds for the resources of the run that set it, as its manifest lists
 * them, unless the year was partial. The others (left out of that run, or new to the catalog since) get
 * none, so they are read in full.
 */
async function fromV1(lake: Lake, schoolYear: string, year: YearStateV1): Promise<YearState> {
  const manifest = year.partial ? undefined : await lake.readJson<Manifest>(manifestPath(year.lastRunId));
  const read = manifest?.years.find((y) => y.schoolYear === Number(schoolYear))?.resources ?? [];
  return {
    resources: Object.fromEntries(read.map((r) => [r.table, { watermark: year.watermark, runId: year.lastRunId }])),
    lastRunId: year.lastRunId,
    lastFullRunId: year.lastFullRunId,
    updatedAt: year.updatedAt,
  };
}

export interface ResourceResult {
  resource: string;
  table: string;
  /** Records the API reported for the read (Total-Count), when it could tell. */
  expected: number | null;
  /** Distinct records landed. */
  landed: number;
  deletes: number;
  keyChanges: number;
  /**
   * A live full walk's catch-up (extract.ts catchUp): its rounds, whether a check then found nothing
   * changed, and the upserts the rounds landed (their deletes and key changes are counted above).
   */
  catchUp?: { rounds: number; settled: boolean; upserts: number };
  /** Whether the resource was read in full (a snapshot), else the change window `(from, to]` of the year's result. */
  full: boolean;
  /** The change version the read started after (the resource's watermark); null when read in full. */
  from: number | null;
  files: WrittenFile[];
  /** Set when landed differs from expected in a way consistency rules cannot explain. */
  mismatch?: string;
  seconds: number;
}

export interface YearResult {
  schoolYear: number;
  /** Every resource of the run was read in full. */
  full: boolean;
  /** Change-version window read: (from, to], from the lowest of the resources' (null when every one was read in full); null bounds when the API has no change queries. */
  window: { from: number | null; to: number | null };
  snapshot: string | null;
  paging: string;
  resources: ResourceResult[];
  committedAt: string;
}

export interface Manifest {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  status: "running" | "succeeded" | "failed";
  error?: string;
  /** Set when the run took the lake's lock over from a run that was gone (extractor/lock.ts): which run, and why. */
  lockTakenOver?: string;
  api: { baseUrl: string; version: string; dataStandard: number; dataModelVersion: string; yearSpecific: boolean };
  settings: { concurrency: number; pageSize: number; full: boolean; resources: string[] };
  years: YearResult[];
  http: { requests: number; retries: number; tokenRequests: number };
}

export async function readState(lake: Lake): Promise<State> {
  const state = await lake.readJson<State | { version: 1; years: Record<string, YearStateV1> }>(STATE_PATH);
  if (!state) return { version: 2, years: {} };
  if (state.version === 2) return state;
  if (state.version !== 1) throw new Error(`${STATE_PATH} in the lake has version ${String((state as { version: unknown }).version)}; this extractor reads versions 1 and 2`);
  const years = await Promise.all(Object.entries(state.years).map(async ([year, y]) => [year, await fromV1(lake, year, y)] as const));
  return { version: 2, years: Object.fromEntries(years) };
}
