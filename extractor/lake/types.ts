// The lake contract (README "Lake contract"): where lines land and what one line holds.
//
//   <lake>/edfi/<table>/school_year=<YYYY>/<runId>-<part>.ndjson.gz   data, one LakeLine per line
//   <lake>/_commits/school_year=<YYYY>/<runId>.ndjson                 commit log: the resources a run committed
//   <lake>/_runs/<runId>.json                                         manifest of a run
//   <lake>/_state.json                                                watermarks (extraction state)
//   <lake>/_lock.json                                                 the running extract's lock (extractor/lock.ts)
//
// A part file becomes visible only complete (local: written under a temporary name, then renamed; GCS:
// an object exists only once its upload finalises, created with ifGenerationMatch=0 so nothing is ever
// overwritten). Every resource and year of a run gets at least one, possibly empty, part file.

export type Operation = "upsert" | "delete" | "key_change";

export interface LakeLine {
  /** Resource id of the record (also of a deleted or re-keyed one). */
  id: string;
  /** Catalog resource name, e.g. "studentSchoolAssociations". */
  resource: string;
  school_year: number;
  operation: Operation;
  /** The change version of a delete or key change; null for records (items carry none). */
  change_version: number | null;
  /** ISO 8601 UTC time the record was read. */
  extracted_at: string;
  run_id: string;
  /** True when the line belongs to a full snapshot of its resource and year. */
  snapshot: boolean;
  /** The API record (or delete / key change item) verbatim, as the JSON text the API sent. */
  data: string;
}

/** The fields all lines of a page share. */
export type LineEnvelope = Omit<LakeLine, "id" | "change_version" | "data">;

/**
 * The records of an API page as lake lines need them (extractor/verbatim.ts scans them): their bytes as
 * received (valid UTF-8 JSON), escaped as JSON.stringify escapes text inside a string.
 */
export interface PageRecords {
  readonly count: number;
  /** Record i's `data`, escaped, is [dataStart(i), dataEnd(i)) of `escaped`. */
  readonly escaped: Buffer;
  dataStart(i: number): number;
  dataEnd(i: number): number;
  /** Record i's id. Where idStart(i) is not -1, [idStart(i), idEnd(i)) of `escaped` is JSON.stringify(id) between its quotes. */
  id(i: number): string;
  idStart(i: number): number;
  idEnd(i: number): number;
  /** The change version of a delete or key change; null for records. */
  changeVersion(i: number): number | null;
}

/** An API page as lake lines: what its lines share, and its records. */
export interface Page {
  envelope: LineEnvelope;
  records: PageRecords;
}

export interface PartitionTarget {
  /** Catalog table name (lake folder), e.g. "student_school_associations". */
  table: string;
  schoolYear: number;
  runId: string;
}

export interface WrittenFile {
  /** Path relative to the lake root, e.g. "edfi/students/school_year=2025/r1-00000.ndjson.gz". */
  path: string;
  lines: number;
  /** Compressed bytes. */
  bytes: number;
}

/** Writes one resource-year of one run as gzip NDJSON parts, rolling to a new part at a size limit. */
export interface PartitionWriter {
  /** Queue a line; resolves when the writer can take more (backpressure). Never holds more than one part's buffers. */
  write(line: LakeLine): Promise<void>;
  /** Queue a page's lines, as write() would each record's (the bulk path: no string per record). */
  writePage(page: Page): Promise<void>;
  /** Finish the current part and make every part durable and visible. Writes an empty part if nothing was written. */
  close(): Promise<WrittenFile[]>;
  /** Give up: nothing of this writer's unfinished part becomes visible. Parts already finished stay. */
  abort(): Promise<void>;
}

export interface Lake {
  /** The lake URI as configured (a folder path or gs://bucket/prefix). */
  readonly uri: string;
  openPartition(target: PartitionTarget): PartitionWriter;
  /** Read a small JSON document (state, manifests) relative to the lake root, or undefined if absent. */
  readJson<T>(path: string): Promise<T | undefined>;
  /** Replace a small JSON document atomically (a reader sees the old or the new version, never a mix). */
  writeJson(path: string, value: unknown): Promise<void>;
  /** Replace a small text file atomically. */
  writeText(path: string, text: string): Promise<void>;
  /** Create a small text file (whole, atomically) only if none exists at `path`: false if one does. */
  createExclusive(path: string, text: string): Promise<boolean>;
  /** Delete the file at `path` only if its text is still `text` (compare-and-delete): false if it differs or is gone. */
  deleteIfUnchanged(path: string, text: string): Promise<boolean>;
  /** Paths (relative to the lake root) of the files under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Read a whole file's bytes (tests, status); gzip is not undone. */
  readFile(path: string): Promise<Buffer>;
}
