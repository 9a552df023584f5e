// Progress of a run: a live bar per resource on a terminal, JSON lines otherwise (logs, CI, Cloud Run).
// Nothing here ever sees a secret: events carry resource names, counts and redacted URLs only.
import type { Writable } from "node:stream";
import { jsonLines, liveBlock } from "../lib/progress.js";
import type { ApiShape } from "./discover.js";
import type { Manifest, ResourceResult } from "./state.js";

export interface Progress {
  begin(run: { runId: string; api: ApiShape; years: number[]; resources: string[] }): void;
  /**
   * `full` when every resource is read in full; else the changes from `from` (the lowest resource's first
   * version) to `to`, inclusive, with `resourcesInFull` resources (never read, or new) read in full.
   */
  plan(year: number, plan: { full: boolean; from: number | null; to: number | null; resourcesInFull: number; snapshot: string | null; strategy: string }): void;
  /** `label` is how the resource's requests name themselves (`what`, e.g. "students 2025"), for its retries. */
  start(year: number, resource: string, label: string): void;
  page(year: number, resource: string, records: number): void;
  retry(event: { url: string; what: string; attempt: number; reason: string; delayMs: number }): void;
  done(year: number, resource: string, result: ResourceResult): void;
  end(manifest: Manifest): void;
}

/** One JSON object per line: `{"event":"page","year":2025,"resource":"students","records":500,...}`. */
export function jsonLinesProgress(out: Writable): Progress {
  const emit = jsonLines(out);
  return {
    begin: (run) => emit("begin", { runId: run.runId, apiVersion: run.api.version, dataStandard: run.api.dataStandard, yearSpecific: run.api.yearSpecific, years: run.years, resources: run.resources.length }),
    plan: (year, plan) => emit("plan", { year, ...plan }),
    start: () => undefined,
    page: () => undefined,
    retry: (event) => emit("retry", event),
    done: (year, resource, r) => emit("resource", { year, resource, landed: r.landed, expected: r.expected, deletes: r.deletes, keyChanges: r.keyChanges, files: r.files.length, seconds: Number(r.seconds.toFixed(2)), ...(r.mismatch ? { mismatch: r.mismatch } : {}) }),
    end: (m) => emit("end", { runId: m.runId, status: m.status, ...(m.error ? { error: m.error } : {}), requests: m.http.requests, retries: m.http.retries }),
  };
}

interface Row {
  label: string;
  records: number;
  pages: number;
  retries: number;
  started: number;
  done: boolean;
}

/** A redrawn block of lines, one per active resource: records, pages, rate, retries; the run's retries in the header. */
export function ttyProgress(out: Writable, options: { intervalMs?: number } = {}): Progress {
  const block = liveBlock(out, options.intervalMs ?? 100);
  const rows = new Map<string, Row>();
  let retries = 0;
  // Until the run begins, only the root document is being read (and maybe retried).
  let title = "Reading the API's root document";
  const draw = (force = false) => {
    const now = performance.now();
    const active = [...rows.entries()].filter(([, r]) => !r.done).slice(0, 12);
    const finished = [...rows.values()].filter((r) => r.done).length;
    const lines = [`${title}  ${finished}/${rows.size} done  retries ${retries}`];
    for (const [key, r] of active) {
      const rate = r.records / Math.max(0.001, (now - r.started) / 1000);
      lines.push(`  ${key.padEnd(58).slice(0, 58)} ${String(r.records).padStart(9)} rec ${String(r.pages).padStart(6)} pages ${Math.round(rate).toString().padStart(7)}/s ${String(r.retries).padStart(4)} retries`);
    }
    block.redraw(lines, force);
  };
  const key = (year: number, resource: string) => `${year} ${resource}`;
  return {
    begin: (run) => {
      title = `Extracting ${run.resources.length} resources × ${run.years.length} year(s) from ODS/API ${run.api.version} (DS ${run.api.dataStandard}), run ${run.runId}`;
    },
    plan: (year, plan) => {
      const changes = `changes ${plan.from}–${plan.to}${plan.resourcesInFull ? ` (${plan.resourcesInFull} resource(s) in full)` : ""}`;
      block.print(`${year}: ${plan.full ? "full snapshot" : changes}, ${plan.snapshot ? `snapshot ${plan.snapshot}` : "no snapshot"}, ${plan.strategy} paging`);
    },
    start: (year, resource, label) => {
      rows.set(key(year, resource), { label, records: 0, pages: 0, retries: 0, started: performance.now(), done: false });
      draw(true);
    },
    page: (year, resource, records) => {
      const row = rows.get(key(year, resource));
      if (row) {
        row.records += records;
        row.pages++;
      }
      draw();
    },
    retry: (event) => {
      retries++;
      for (const row of rows.values()) if (!row.done && (event.what === row.label || event.what.startsWith(`${row.label} `))) row.retries++;
      draw();
    },
    done: (year, resource) => {
      const row = rows.get(key(year, resource));
      if (row) row.done = true;
      draw(true);
    },
    end: () => draw(true),
  };
}
