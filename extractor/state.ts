// Extraction state (watermarks) and run manifests, kept next to the data in the lake.
//   _state.json          per school year: the change version up to which the lake is complete
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
    .map((r) => JSON.stringify({ run_id: runId, school_year: year.schoolYear, resource: r.resource, table_name: r.table, snapshot: year.full, committed_at: year.committedAt }) + "\n")
    .join("");
}

export interface YearState {
  /** Newest change version whose changes are all in the lake; null when the API has no change queries. */
  watermark: number | null;
  lastRunId: string;
  /** The run whose full snapshot is the newest complete one for this year. */
  lastFullRunId: string;
  /**
   * Set when a run over some resources moved the watermark: the others' changes since the watermark
   * before it are not in the lake, so the next run reads the year in full.
   */
  partial?: boolean;
  updatedAt: string;
}

export interface State {
  version: 1;
  years: Record<string, YearState>;
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
  files: WrittenFile[];
  /** Set when landed differs from expected in a way consistency rules cannot explain. */
  mismatch?: string;
  seconds: number;
}

export interface YearResult {
  schoolYear: number;
  full: boolean;
  /** Change-version window read: (from, to]; null bounds when the API has no change queries. */
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
  return (await lake.readJson<State>(STATE_PATH)) ?? { version: 1, years: {} };
}
