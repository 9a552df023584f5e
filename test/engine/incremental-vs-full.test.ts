// Incremental builds against full builds and the lake contract, on random run sequences: a district's
// nightly builds merge each run into the table they keep, and must leave what a full refresh of the same
// lake and the contract's rule (test/support/lake.ts currentRecords) give. The sequences, seeded, mix
// what makes the choice of current rows hard: full snapshots that drop records, deletes, a record read
// twice by one run (its times written with and without a fraction), a delete and an upsert of one record
// in one run, empty runs, school years committed one at a time with builds in between, and crashed
// years that never commit. Builds run on `stg_students` over two school years.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { openLake } from "../../extractor/lake/index.js";
import { transform } from "../../engine/transform.js";
import { query, tempDatabase } from "../support/compiled-graph.js";
import { emptyLake } from "../support/empty-lake.js";
import { currentRecords } from "../support/lake.js";

const YEARS = [2024, 2025];
const RUNS = 6;
const selection = { actions: ["edfi_staging.stg_students"], tags: [], includeDeps: true };

/** A seeded generator (mulberry32): the same sequence on every run of the test. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  return { chance: (p: number) => next() < p, below, some: <T>(items: T[], p: number) => items.filter(() => next() < p) };
}

type Line = { id: string; operation: "upsert" | "delete"; version?: number; ms: number };

/** One line of the lake contract; a time on a whole second is written as `…:05Z` or `…:05.000Z`. */
function lakeLine(runId: string, year: number, snapshot: boolean, { id, operation, version, ms }: Line, short: boolean) {
  const time = new Date(Date.UTC(2025, 0, 1) + ms).toISOString();
  const data = operation === "delete" ? { id } : { id, studentUniqueId: `s-${id}`, firstName: `v${version}`, _lastModifiedDate: time };
  return JSON.stringify({ id, resource: "students", school_year: year, operation, change_version: null, extracted_at: short ? time.replace(".000Z", "Z") : time, run_id: runId, snapshot, data: JSON.stringify(data) });
}

/**
 * The runs of one random sequence, each written to the lake, then committed year by year; `built` is
 * called after each commit, and sometimes between a run's files and its commits.
 */
async function sequence(seed: number, lake: string, built: () => Promise<void>) {
  const { chance, below, some } = random(seed);
  const api = new Map(YEARS.map((year) => [year, new Map<string, number>()]));
  let records = 0;
  let version = 0;
  for (let run = 1; run <= RUNS; run++) {
    const runId = `2025010${run}T000000Z-${String(seed).padStart(6, "0")}`;
    const commits: { year: number; snapshot: boolean }[] = [];
    for (const year of YEARS) {
      if (run > 1 && chance(0.2)) continue; // the year takes no part in this run
      const state = api.get(year)!;
      const snapshot = run === 1 || chance(0.35);
      const changed = some([...state.keys()], 0.3);
      const deleted = some([...state.keys()].filter((id) => !changed.includes(id)), 0.3);
      const created = Array.from({ length: below(5) }, () => (++records).toString(16).padStart(32, "0"));
      for (const id of [...changed, ...created]) state.set(id, ++version);
      for (const id of deleted) state.delete(id);
      // A snapshot holds every record (the deleted ones by their absence); a change run its changes.
      const upserts = snapshot ? [...state.keys()] : [...changed, ...created];
      const lines: Line[] = [
        ...(snapshot ? [] : deleted.map((id) => ({ id, operation: "delete" as const }))),
        ...upserts.map((id) => ({ id, operation: "upsert" as const, version: state.get(id) })),
      ].map((line, i) => ({ ...line, ms: 1000 * i }));
      // A record read again half a second later (a catch-up), written first: the newer read wins.
      const reread = lines.filter((l) => l.operation === "upsert" && chance(0.2)).map((l) => ({ ...l, version: ++version, ms: l.ms + 500 }));
      for (const l of reread) state.set(l.id, l.version);
      // A deleted record's upsert in the same run (read before its delete): the delete wins.
      const resent = deleted.filter(() => !snapshot && chance(0.6)).map((id, i) => ({ id, operation: "upsert" as const, version: ++version, ms: 1000 * (lines.length + i) }));
      const folder = join(lake, "edfi", "students", `school_year=${year}`);
      mkdirSync(folder, { recursive: true });
      const text = [...reread, ...lines, ...resent].map((l) => lakeLine(runId, year, snapshot, { ...l, ms: l.ms + run * 3_600_000 }, chance(0.5)) + "\n").join("");
      writeFileSync(join(folder, `${runId}-00001.ndjson.gz`), gzipSync(text));
      if (run === RUNS || !chance(0.1)) commits.push({ year, snapshot }); // else the year crashed: its file stays, uncommitted
    }
    if (chance(0.3)) await built();
    for (const { year, snapshot } of commits) {
      const folder = join(lake, "_commits", `school_year=${year}`);
      mkdirSync(folder, { recursive: true });
      const record = { run_id: runId, school_year: year, resource: "students", table_name: "students", snapshot, committed_at: "2025-01-01T00:00:00Z" };
      writeFileSync(join(folder, `${runId}.ndjson`), JSON.stringify(record) + "\n");
      await built();
    }
  }
}

/** The staged students, every column as text, ids as the API writes them. */
const staged = (database: string) =>
  query(
    database,
    `SELECT replace(CAST(id AS VARCHAR), '-', '') AS id, school_year, student_unique_id, first_name, CAST(last_modified_date AS VARCHAR) AS last_modified_date,
       CAST(extracted_at AS VARCHAR) AS extracted_at, _run_id
     FROM edfi_staging.stg_students ORDER BY school_year, id`,
  );

/** What the lake contract makes current: [id, school year, first name], in the order of staged(). */
async function contract(lake: string) {
  const rows = [];
  for (const year of YEARS) {
    const records = await currentRecords(openLake(lake), "students", year);
    for (const [id, data] of [...records].sort(([a], [b]) => a.localeCompare(b))) rows.push({ id, school_year: year, first_name: (JSON.parse(data) as { firstName: string }).firstName });
  }
  return rows;
}

test.each([1, 2, 3])("random runs, seed %i: each incremental build leaves what a full build and the lake contract give", async (seed) => {
  const lake = emptyLake();
  const incremental = tempDatabase();
  let builds = 0;
  await sequence(seed, lake, async () => {
    expect((await transform({ lake, database: incremental, selection })).committed).toBe(true);
    const full = tempDatabase();
    expect((await transform({ lake, database: full, selection, fullRefresh: true })).committed).toBe(true);
    const rows = await staged(incremental);
    expect(rows).toEqual(await staged(full));
    expect(rows.map(({ id, school_year, first_name }) => ({ id, school_year, first_name }))).toEqual(await contract(lake));
    builds++;
  });
  expect(builds).toBeGreaterThan(RUNS);
}, 300_000);
