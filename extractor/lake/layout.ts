// Where things live in a lake and what one line looks like (extractor/lake/types.ts is the contract).
import type { LakeLine, Page, PartitionTarget } from "./types.js";

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

/** Why a line cannot go to the target's partition, or undefined. */
function lineProblem(line: LakeLine, target: PartitionTarget): string | undefined {
  return typeof line.id !== "string" ? "id is not a string"
    : typeof line.resource !== "string" ? "resource is not a string"
    : line.school_year !== target.schoolYear ? `school_year ${line.school_year} is not the partition's ${target.schoolYear}`
    : !OPERATIONS.has(line.operation) ? `operation ${JSON.stringify(line.operation)} is not upsert, delete or key_change`
    : !(line.change_version === null || Number.isSafeInteger(line.change_version)) ? "change_version is not an integer or null"
    : typeof line.extracted_at !== "string" ? "extracted_at is not a string"
    : line.run_id !== target.runId ? `run_id ${JSON.stringify(line.run_id)} is not the partition's ${JSON.stringify(target.runId)}`
    : typeof line.snapshot !== "boolean" ? "snapshot is not a boolean"
    : typeof line.data !== "string" ? "data is not a string (the API's JSON text)"
    : undefined;
}

function invalidLine(line: Pick<LakeLine, "id">, target: PartitionTarget, problem: string): Error {
  return new Error(`invalid lake line for ${target.table} ${target.schoolYear} (id ${JSON.stringify(line.id)}): ${problem}`);
}

/**
 * One NDJSON line (with its newline): exactly the LakeLine fields in the contract's order, `data` as a
 * JSON string holding the API's text verbatim. A line of another run or year than its partition is refused.
 */
export function serializeLine(line: LakeLine, target: PartitionTarget): string {
  const problem = lineProblem(line, target);
  if (problem) throw invalidLine(line, target, problem);
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

const QUOTE = 0x22;
const LINE_START = Buffer.from('{"id":');
const LINE_END = Buffer.from('"}\n');
const NULL = Buffer.from("null");

/**
 * The lines of one page, byte for byte what serializeLine gives for each record, built straight from
 * the page's bytes: the fields the lines share are serialised once, and each record's escaped text is
 * copied into its line without becoming a string. Every line's size is known before any is built.
 */
export class PageLines {
  readonly count: number;
  private readonly sizes: Uint32Array;
  /** `,"resource":…,"change_version":` and `,"extracted_at":…,"data":"`. */
  private readonly middle: Buffer;
  private readonly tail: Buffer;

  constructor(private readonly page: Page, target: PartitionTarget) {
    const { envelope, records } = page;
    const problem = lineProblem({ ...envelope, id: "", change_version: null, data: "" }, target);
    if (problem) throw invalidLine({ id: records.count > 0 ? records.id(0) : "" }, target, problem);
    const json = JSON.stringify;
    this.middle = Buffer.from(`,"resource":${json(envelope.resource)},"school_year":${envelope.school_year},"operation":${json(envelope.operation)},"change_version":`);
    this.tail = Buffer.from(`,"extracted_at":${json(envelope.extracted_at)},"run_id":${json(envelope.run_id)},"snapshot":${envelope.snapshot},"data":"`);
    this.count = records.count;
    this.sizes = new Uint32Array(records.count);
    const fixed = LINE_START.length + this.middle.length + this.tail.length + LINE_END.length;
    for (let i = 0; i < records.count; i++) {
      const changeVersion = records.changeVersion(i);
      if (!(changeVersion === null || Number.isSafeInteger(changeVersion))) throw invalidLine({ id: records.id(i) }, target, "change_version is not an integer or null");
      const idStart = records.idStart(i);
      const idBytes = idStart >= 0 ? records.idEnd(i) - idStart + 2 : Buffer.byteLength(json(records.id(i)));
      this.sizes[i] = fixed + idBytes + (changeVersion === null ? NULL.length : String(changeVersion).length) + records.dataEnd(i) - records.dataStart(i);
    }
  }

  /** Bytes of line i, newline included. */
  size(i: number): number {
    return this.sizes[i];
  }

  /** Lines [from, to) into `out` at `at` (room for them is the caller's); returns the offset after them. */
  build(from: number, to: number, out: Buffer, at: number): number {
    const start = at;
    let total = 0;
    for (let i = from; i < to; i++) total += this.sizes[i];
    const { records } = this.page;
    const escaped = records.escaped;
    for (let i = from; i < to; i++) {
      // Short pieces are copied byte by byte (a native call costs more than it copies), the shared fields and data natively.
      at = put(out, at, LINE_START);
      const idStart = records.idStart(i);
      if (idStart >= 0) {
        out[at++] = QUOTE;
        for (let k = idStart, end = records.idEnd(i); k < end; k++) out[at++] = escaped[k];
        out[at++] = QUOTE;
      } else at += out.write(JSON.stringify(records.id(i)), at);
      out.set(this.middle, at);
      at += this.middle.length;
      const changeVersion = records.changeVersion(i);
      at = changeVersion === null ? put(out, at, NULL) : putAscii(out, at, String(changeVersion));
      out.set(this.tail, at);
      at += this.tail.length;
      at += escaped.copy(out, at, records.dataStart(i), records.dataEnd(i));
      at = put(out, at, LINE_END);
    }
    // Sizes come from the records' spans: a wrong one must fail here, not land a broken line.
    if (at - start !== total) throw new Error(`lake lines of ${this.page.envelope.resource}: built ${at - start} bytes, expected ${total}`);
    return at;
  }
}

/** A string of one-byte characters at `at`; returns the offset after it. */
function putAscii(out: Buffer, at: number, s: string): number {
  for (let k = 0; k < s.length; k++) out[at++] = s.charCodeAt(k);
  return at;
}

/** A short buffer's bytes at `at`; returns the offset after them. */
function put(out: Buffer, at: number, bytes: Buffer): number {
  for (let k = 0; k < bytes.length; k++) out[at++] = bytes[k];
  return at;
}
