// Where things live in a lake and what one line looks like (extractor/lake/types.ts is the contract).
import type { LakeLine, PartitionTarget } from "./types.js";

export const PART_SUFFIX = ".ndjson.gz";
const MAX_PART = 99_999;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function checkSegment(what: string, value: string): void {
  if (!SEGMENT.test(value) || value.includes("..")) {
    throw new Error(`invalid lake ${what} ${JSON.stringify(value)}: use letters, digits, "_", "-" and "." (not "..")`);
  }
}

/** `edfi/<table>/school_year=<YYYY>/<runId>-<part 5 digits>.ndjson.gz` */
export function partPath(target: PartitionTarget, part: number): string {
  checkSegment("table", target.table);
  checkSegment("run id", target.runId);
  if (!Number.isInteger(target.schoolYear) || target.schoolYear < 1000 || target.schoolYear > 9999) {
    throw new Error(`invalid lake school year ${JSON.stringify(target.schoolYear)}: expected a four-digit year`);
  }
  if (part > MAX_PART) throw new Error(`too many parts for ${target.table} ${target.schoolYear} run ${target.runId}: at most ${MAX_PART + 1}`);
  return `edfi/${target.table}/school_year=${target.schoolYear}/${target.runId}-${String(part).padStart(5, "0")}${PART_SUFFIX}`;
}

/**
 * A path relative to the lake root, checked: "/"-separated, no absolute path, no "." or ".." segment.
 * A list prefix may be empty or end with "/".
 */
export function relativePath(path: string, { prefix = false } = {}): string {
  const segments = path.split("/");
  if (prefix && segments.at(-1) === "") segments.pop();
  const valid = (prefix && path === "") || (segments.length > 0 && segments.every((s) => s !== "" && s !== "." && s !== ".." && !s.includes("\\")));
  if (!valid) throw new Error(`invalid lake path ${JSON.stringify(path)}: expected a relative path like "_runs/<id>.json"`);
  return path;
}

const OPERATIONS = new Set(["upsert", "delete", "key_change"]);

/**
 * One NDJSON line (with its newline): exactly the LakeLine fields in the contract's order, `data` as a
 * JSON string holding the API's text verbatim. A line of another run or year than its partition is refused.
 */
export function serializeLine(line: LakeLine, target: PartitionTarget): string {
  const problem =
    typeof line.id !== "string" ? "id is not a string"
    : typeof line.resource !== "string" ? "resource is not a string"
    : line.school_year !== target.schoolYear ? `school_year ${line.school_year} is not the partition's ${target.schoolYear}`
    : !OPERATIONS.has(line.operation) ? `operation ${JSON.stringify(line.operation)} is not upsert, delete or key_change`
    : !(line.change_version === null || Number.isSafeInteger(line.change_version)) ? "change_version is not an integer or null"
    : typeof line.extracted_at !== "string" ? "extracted_at is not a string"
    : line.run_id !== target.runId ? `run_id ${JSON.stringify(line.run_id)} is not the partition's ${JSON.stringify(target.runId)}`
    : typeof line.snapshot !== "boolean" ? "snapshot is not a boolean"
    : typeof line.data !== "string" ? "data is not a string (the API's JSON text)"
    : undefined;
  if (problem) throw new Error(`invalid lake line for ${target.table} ${target.schoolYear} (id ${JSON.stringify(line.id)}): ${problem}`);
  const ordered: LakeLine = {
    id: line.id,
    resource: line.resource,
    school_year: line.school_year,
    operation: line.operation,
    change_version: line.change_version,
    extracted_at: line.extracted_at,
    run_id: line.run_id,
    snapshot: line.snapshot,
    data: line.data,
  };
  return JSON.stringify(ordered) + "\n";
}
