// The lake contract's current-row rules through the real engine, on a hand-written lake where the
// choice of each record's latest line is hard: a record landed twice by one run, a delete and an
// upsert of one record in the same run (the delete wins), two versions of a record in one run (a full
// run's catch-up: the one extracted last wins, wherever it lies in the file, its time compared as a time
// whatever its precision), a run that never committed. A full build
// (which on DuckDB writes every line and chooses after the write) and an incremental build (which
// chooses in its query) must both leave the current rows.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { transform } from "../../engine/transform.js";
import { query, tempDatabase } from "../support/compiled-graph.js";
import { emptyLake } from "../support/empty-lake.js";

const YEAR = 2025;
const SNAPSHOT = "20250102T000000Z-aaaaaa";
const LATER = "20250103T000000Z-bbbbbb";
const CRASHED = "20250104T000000Z-cccccc";
const selection = { actions: ["edfi_staging.stg_students"], tags: [], includeDeps: true };

/** The id of record `letter` (a–j): a GUID, 32 hex digits, as the API's ids are ("a" → "6161…61"). */
const idOf = (letter: string) => letter.charCodeAt(0).toString(16).repeat(16);
const letterOf = new Map([..."abcdefghij"].map((letter) => [idOf(letter), letter]));

function line(runId: string, letter: string, operation: "upsert" | "delete", firstName?: string, extractedAt = "2025-01-01T00:00:00.000Z") {
  const id = idOf(letter);
  const data = operation === "delete" ? { id } : { id, studentUniqueId: `s-${letter}`, firstName, _lastModifiedDate: "2025-01-01T00:00:00Z" };
  return JSON.stringify({ id, resource: "students", operation, change_version: null, extracted_at: extractedAt, run_id: runId, snapshot: runId === SNAPSHOT, data: JSON.stringify(data) });
}

function writeRun(lake: string, runId: string, lines: string[]) {
  writeFileSync(join(lake, "edfi", "students", `school_year=${YEAR}`, `${runId}-00001.ndjson.gz`), gzipSync(lines.join("\n") + "\n"));
}

function commit(lake: string, runId: string) {
  const record = { run_id: runId, school_year: YEAR, resource: "students", table_name: "students", snapshot: runId === SNAPSHOT, committed_at: "2025-01-01T00:00:00Z" };
  writeFileSync(join(lake, "_commits", `school_year=${YEAR}`, `${runId}.ndjson`), JSON.stringify(record) + "\n");
}

/** The staged students, each id as its letter (DuckDB keeps ids as UUIDs: as text, without hyphens, the API's). */
const students = async (database: string) =>
  (await query(database, "SELECT replace(CAST(id AS VARCHAR), '-', '') AS id, first_name, _run_id FROM edfi_staging.stg_students ORDER BY id")).map((row) => ({
    ...row,
    id: letterOf.get(String(row.id)) ?? String(row.id),
  }));

const caughtUp = "2025-01-01T00:00:01.000Z";

test("full and incremental builds keep each record's latest line: a repeated line once, a delete over an upsert of the same run, the version extracted last", async () => {
  const lake = emptyLake();
  writeRun(lake, SNAPSHOT, [
    line(SNAPSHOT, "a", "upsert", "A1"),
    line(SNAPSHOT, "b", "upsert", "B1"),
    line(SNAPSHOT, "c", "upsert", "C1"),
    line(SNAPSHOT, "f", "upsert", "F1", caughtUp),
    line(SNAPSHOT, "c", "upsert", "C1"),
    line(SNAPSHOT, "f", "upsert", "F0"),
    line(SNAPSHOT, "h", "upsert", "H0"),
    line(SNAPSHOT, "h", "upsert", "H1", caughtUp),
  ]);
  writeRun(lake, LATER, [
    line(LATER, "a", "upsert", "A2"),
    line(LATER, "b", "delete"),
    line(LATER, "g", "upsert", "G2", caughtUp),
    line(LATER, "b", "upsert", "B2"),
    line(LATER, "d", "upsert", "D2"),
    line(LATER, "g", "upsert", "G1"),
    line(LATER, "i", "upsert", "I1"),
    line(LATER, "i", "upsert", "I2", caughtUp),
    // Half a second after the caught-up time: as text, "…:01Z" sorts after "…:01.500Z".
    line(LATER, "j", "upsert", "J2", "2025-01-01T00:00:01.500Z"),
    line(LATER, "j", "upsert", "J1", "2025-01-01T00:00:01Z"),
  ]);
  writeRun(lake, CRASHED, [line(CRASHED, "e", "upsert", "E3")]);
  commit(lake, SNAPSHOT);

  const incremental = tempDatabase();
  expect((await transform({ lake, database: incremental, selection })).committed).toBe(true);
  expect(await students(incremental)).toEqual([
    { id: "a", first_name: "A1", _run_id: SNAPSHOT },
    { id: "b", first_name: "B1", _run_id: SNAPSHOT },
    { id: "c", first_name: "C1", _run_id: SNAPSHOT },
    { id: "f", first_name: "F1", _run_id: SNAPSHOT },
    { id: "h", first_name: "H1", _run_id: SNAPSHOT },
  ]);

  commit(lake, LATER);
  const current = [
    { id: "a", first_name: "A2", _run_id: LATER },
    { id: "c", first_name: "C1", _run_id: SNAPSHOT },
    { id: "d", first_name: "D2", _run_id: LATER },
    { id: "f", first_name: "F1", _run_id: SNAPSHOT },
    { id: "g", first_name: "G2", _run_id: LATER },
    { id: "h", first_name: "H1", _run_id: SNAPSHOT },
    { id: "i", first_name: "I2", _run_id: LATER },
    { id: "j", first_name: "J2", _run_id: LATER },
  ];
  const merged = await transform({ lake, database: incremental, selection });
  expect(merged.results.find((r) => r.name === "edfi_staging.stg_students")?.detail).toBe("merged");
  expect(await students(incremental)).toEqual(current);

  const full = tempDatabase();
  expect((await transform({ lake, database: full, selection, fullRefresh: true })).committed).toBe(true);
  expect(await students(full)).toEqual(current);
}, 300_000);
