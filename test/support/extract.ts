// Runs the real extractor in-process against a simulator, into a temporary local lake.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { parseSettings, type Settings } from "../../extractor/config.js";
import { extract } from "../../extractor/extract.js";
import { openLake } from "../../extractor/lake/index.js";
import { jsonLinesProgress } from "../../extractor/progress.js";
import type { Simulator } from "../../simulator/server.js";
import { renderRecord } from "../../simulator/resources.js";
import { currentRecords } from "./lake.js";

export function tempLake(): string {
  return mkdtempSync(join(tmpdir(), "lake-"));
}

export function settingsFor(sim: Simulator, lakeUri: string, overrides: Record<string, string> = {}): Settings {
  const years = sim.options.mode === "shared" ? String(sim.options.years[0]) : sim.options.years.join(",");
  return parseSettings({
    EDFI_API_BASE_URL: sim.url,
    EDFI_CLIENT_ID: sim.options.clientId,
    EDFI_CLIENT_SECRET: sim.options.clientSecret,
    EDFI_SCHOOL_YEARS: years,
    LAKE_URI: lakeUri,
    EXTRACT_CONCURRENCY: "8",
    EXTRACT_PAGE_SIZE: "100",
    ...overrides,
  });
}

/** Extract with JSON-lines progress captured; returns the result and every line printed. */
export async function runExtract(settings: Settings, options: { full?: boolean; resources?: string[] } = {}) {
  const out = new PassThrough();
  const log: string[] = [];
  out.on("data", (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean)));
  const result = await extract(settings, { resources: options.resources ?? [], full: options.full ?? false, dryRun: false, progress: jsonLinesProgress(out) });
  return { ...result, log };
}

/** Differences between what the lake says is current and what the simulator holds (ids and verbatim data). */
export async function compareWithSimulator(sim: Simulator, lakeUri: string, resources?: string[]) {
  const lake = openLake(lakeUri);
  const problems: string[] = [];
  for (const [context, instance] of sim.instances) {
    const year = context === null ? sim.options.years[0] : Number(context);
    for (const store of instance.stores.values()) {
      if (resources && !resources.includes(store.entry.resource)) continue;
      const expected = new Map([...instance.current(store.entry.resource)].map((r) => [r.id, renderRecord({ profile: sim.profile, instance }, r)]));
      const actual = await currentRecords(lake, store.entry.table, year);
      const missing = [...expected.keys()].filter((id) => !actual.has(id));
      const extra = [...actual.keys()].filter((id) => !expected.has(id));
      const different = [...expected.keys()].filter((id) => actual.has(id) && actual.get(id) !== expected.get(id));
      if (missing.length || extra.length || different.length) {
        problems.push(`${year} ${store.entry.resource}: ${missing.length} missing, ${extra.length} extra, ${different.length} different (of ${expected.size})`);
      }
    }
  }
  return problems;
}
