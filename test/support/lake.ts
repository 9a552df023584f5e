// Reads a lake back the way downstream does, to compare it with what the simulator holds.
import { gunzipSync } from "node:zlib";
import type { Lake, LakeLine } from "../../extractor/lake/types.js";
import type { State } from "../../extractor/state.js";

interface CommitLine {
  run_id: string;
  table_name: string;
  snapshot: boolean;
}

export async function lakeLines(lake: Lake, table: string, year: number): Promise<{ path: string; line: LakeLine }[]> {
  const out: { path: string; line: LakeLine }[] = [];
  for (const path of await lake.list(`edfi/${table}/school_year=${year}/`)) {
    const text = gunzipSync(await lake.readFile(path)).toString("utf8");
    for (const raw of text.split("\n").filter(Boolean)) out.push({ path, line: JSON.parse(raw) as LakeLine });
  }
  return out;
}

/**
 * The records that are current according to the lake alone: the newest full snapshot of the
 * resource-year in the commit log, then every later committed run's upserts (by id; within a run the
 * line extracted last) and deletes, in run order.
 */
export async function currentRecords(lake: Lake, table: string, year: number): Promise<Map<string, string>> {
  const commits: CommitLine[] = [];
  for (const path of await lake.list(`_commits/school_year=${year}/`)) {
    const text = (await lake.readFile(path)).toString("utf8");
    commits.push(...text.split("\n").filter(Boolean).map((raw) => JSON.parse(raw) as CommitLine).filter((c) => c.table_name === table));
  }
  const committed = new Map(commits.map((c) => [c.run_id, c]));
  const lastFull = commits.filter((c) => c.snapshot).map((c) => c.run_id).sort().at(-1);
  const byRun = new Map<string, LakeLine[]>();
  for (const { line } of await lakeLines(lake, table, year)) {
    if (!committed.has(line.run_id) || (lastFull && line.run_id < lastFull)) continue;
    byRun.set(line.run_id, [...(byRun.get(line.run_id) ?? []), line]);
  }
  const current = new Map<string, string>();
  for (const runId of [...byRun.keys()].sort()) {
    const lines = byRun.get(runId)!;
    // A record read twice by one run (a full run's catch-up): the line extracted last.
    const inExtractionOrder = [...lines].sort((a, b) => Date.parse(a.extracted_at) - Date.parse(b.extracted_at));
    for (const line of inExtractionOrder) if (line.operation === "upsert") current.set(line.id, line.data);
    for (const line of lines) if (line.operation === "delete") current.delete(line.id);
  }
  return current;
}

export async function lakeState(lake: Lake): Promise<State | undefined> {
  return lake.readJson<State>("_state.json");
}

/** The one watermark every resource of `year` stands at (after a run over them all); an error when they differ. */
export function yearWatermark(state: State | undefined, year: number | string): number | null {
  const watermarks = new Set(Object.values(state?.years[year]?.resources ?? {}).map((r) => r.watermark));
  if (watermarks.size !== 1) throw new Error(`expected one watermark for ${year}, found: ${[...watermarks].join(", ") || "none"}`);
  return [...watermarks][0];
}
