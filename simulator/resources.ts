// GET handlers for one resource of one instance: the list (offset or cursor paging, change windows,
// Total-Count), a single item, /deletes, /keyChanges and /partitions, each in the version's shapes.
import type { Profile } from "./profile.js";
import type { Instance } from "./instance.js";
import { timestampMsOf } from "./instance.js";
import type { ResourceStore, StoredRecord, PositionSet } from "./store.js";
import { badRequest, notFound } from "./http.js";

const MAX_AGGREGATE_ID = 2147483647;

export interface Reply {
  body: Buffer;
  headers: Record<string, string>;
  records: number;
}

export interface ReadContext {
  profile: Profile;
  instance: Instance;
  store: ResourceStore;
  /** Change version the read sees (the newest, or a snapshot's). */
  snapshot: number;
  query: URLSearchParams;
}

/** Query booleans are case-insensitive (`totalCount=True`). */
function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  const lower = value.toLowerCase();
  if (lower !== "true" && lower !== "false") throw badRequest(`The value '${value}' is not valid for ${name}.`);
  return lower === "true";
}

function integer(query: URLSearchParams, name: string, min: number, max: number, message: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^-?\d+$/.test(value)) throw badRequest(`The value '${value}' is not valid for ${name}.`);
  const n = Number(value);
  if (n < min || n > max) throw badRequest(message);
  return n;
}

function limitMessage(profile: Profile, name: string): string {
  return profile.problemDetails
    ? `${name === "limit" ? "Limit" : "PageSize"} must be a value between 0 and ${profile.maxLimit}.`
    : "Limit must be omitted or set to a value between 1 and max value defined in configuration file (defaultPageSizeLimit).";
}

function changeWindow(query: URLSearchParams): [number, number] {
  const min = integer(query, "minChangeVersion", 0, Number.MAX_SAFE_INTEGER, "minChangeVersion must be a non-negative integer.");
  const max = integer(query, "maxChangeVersion", 0, Number.MAX_SAFE_INTEGER, "maxChangeVersion must be a non-negative integer.");
  return [min ?? 0, max ?? Number.MAX_SAFE_INTEGER];
}

const encodeToken = (min: number, max: number) => Buffer.from(`${min},${max}`).toString("base64url");

function decodeToken(token: string): [number, number] {
  const match = /^(\d+),(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  const range = match ? [Number(match[1]), Number(match[2])] : [];
  // A token past its range (min = max + 1) is valid: it is what follows a partition's last full page, and reads [].
  if (range.length !== 2 || range[0] < 1 || range[1] < range[0] - 1 || range[1] > MAX_AGGREGATE_ID) {
    throw badRequest("The page token provided was invalid.");
  }
  return range as [number, number];
}

/**
 * ODS `_etag` is DateTime.ToBinary() of the last-modified time (UTC kind bit set), as a decimal string:
 * ms · 10⁴ + 621355968000000000 (ticks from year 1) + 2⁶² (the kind bit, above the tick count of any date
 * before year 11,000) = ms · 10⁴ + 5233041986427387904. Computed in two base-10¹⁰ halves, exact
 * in doubles: a BigInt per record was the most expensive part of a page.
 */
function etag(ms: number): string {
  if (!(ms >= 0 && ms < 3e14)) return ((BigInt(ms) * 10000n + 621355968000000000n) | (1n << 62n)).toString();
  const low = (ms % 1e6) * 1e4 + 6427387904;
  const high = Math.floor(ms / 1e6) + 523304198 + Math.floor(low / 1e10);
  return String(high) + String(low % 1e10).padStart(10, "0");
}

const DAY_MS = 86_400_000;
/** The day of the last call of isoWithoutZone, and its date part up to the "T". */
let isoDay = NaN;
let isoDayPrefix = "";
const twoDigits = (n: number) => (n < 10 ? "0" : "") + n;

/**
 * `new Date(ms).toISOString()` without its "Z", at a fifth of the cost (a Date and its formatting were a
 * tenth of the CPU of serving a page): consecutive records mostly share a day, whose prefix is kept.
 */
function isoWithoutZone(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDay = day;
    const midnight = new Date(day * DAY_MS).toISOString();
    isoDayPrefix = midnight.slice(0, midnight.indexOf("T") + 1); // years past 9999 have more digits
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const clock = `${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:${twoDigits(seconds % 60)}`;
  return `${isoDayPrefix}${clock}.${String(inDay - seconds * 1000).padStart(3, "0")}`;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** What rendering a record reads: the version's shapes, and the years that date change versions. */
type RenderContext = Pick<ReadContext, "profile" | "instance">;

/**
 * A reply body written in place, growing as needed. A page's records go straight into one Buffer: built
 * as strings, they were joined into a page, which the server then encoded again (about a sixth of the CPU of serving a page).
 */
class BodyWriter {
  private bytes: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  private room(most: number): void {
    if (this.length + most <= this.bytes.length) return;
    const larger = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.length + most));
    this.bytes.copy(larger, 0, 0, this.length);
    this.bytes = larger;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  /** Text known to be ASCII (hex ids, digits, names of fields): copied in JavaScript, cheaper than a call to encode. */
  ascii(text: string): void {
    this.room(text.length);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Any text, as UTF-8 (at most 3 bytes per UTF-16 unit). */
  utf8(text: string): void {
    this.room(3 * text.length);
    this.length += this.bytes.write(text, this.length);
  }

  /** The object just written by utf8(), of `start` on, spliced into the enclosing one: its braces dropped, a comma before. */
  spliceObject(start: number): void {
    this.bytes[start] = COMMA;
    this.length--;
  }

  done(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}

/** A stored record as the API renders it: `id` first, then the record's fields, then `_etag` (and, on 7.x, `_lastModifiedDate`). */
function writeRecord(out: BodyWriter, ctx: RenderContext, stored: StoredRecord): void {
  const ms = timestampMsOf(stored.cv, ctx.instance.options.years);
  out.ascii('{"id":"');
  out.ascii(stored.id); // ids are hex
  out.byte(QUOTE);
  // The record's own JSON spliced in: cheaper than a merged copy of the record to stringify.
  const fields = JSON.stringify(stored.record);
  if (fields.length > 2) {
    const start = out.length;
    out.utf8(fields);
    out.spliceObject(start);
  }
  out.ascii(',"_etag":"');
  out.ascii(etag(ms));
  // ODS writes 7 fractional digits.
  if (ctx.profile.lastModifiedDate) {
    out.ascii('","_lastModifiedDate":"');
    out.ascii(isoWithoutZone(ms));
    out.ascii("0000Z");
  }
  out.ascii('"}');
}

/** One record's JSON as the API sends it, as a string (tests compare the lake's lines with it). */
export function renderRecord(ctx: RenderContext, stored: StoredRecord): string {
  return renderedRecord(ctx, stored).toString();
}

function renderedRecord(ctx: RenderContext, stored: StoredRecord): Buffer {
  const out = new BodyWriter(1024);
  writeRecord(out, ctx, stored);
  return out.done();
}

function page(ctx: ReadContext, positions: number[], headers: Record<string, string>): Reply {
  const out = new BodyWriter(512 * positions.length + 2);
  out.byte(OPEN_ARRAY);
  for (let i = 0; i < positions.length; i++) {
    if (i > 0) out.byte(COMMA);
    writeRecord(out, ctx, ctx.store.at(positions[i], ctx.snapshot) as StoredRecord);
  }
  out.byte(CLOSE_ARRAY);
  return { body: out.done(), headers, records: positions.length };
}

/** GET /ed-fi/{resource}: offset paging on every version, cursor paging (pageToken/pageSize) on 7.3+. */
export function list(ctx: ReadContext): Reply {
  const { profile, query } = ctx;
  const [minCv, maxCv] = changeWindow(query);
  const set = ctx.store.query(ctx.snapshot, minCv, maxCv);
  const headers: Record<string, string> = {};
  if (flag(query, "totalCount")) headers["Total-Count"] = String(set.size);

  const pageToken = profile.cursorPaging ? query.get("pageToken") : null;
  if (profile.cursorPaging) {
    if (pageToken !== null && query.has("offset")) throw badRequest("Both offset and pageToken parameters were provided, but they are mutually exclusive.");
    if (pageToken !== null && query.has("limit") && !query.has("pageSize")) throw badRequest("Use pageSize instead of limit when using cursor paging with pageToken.");
    if (pageToken === null && query.has("pageSize")) throw badRequest("PageToken is required when pageSize is specified.");
  }

  let positions: number[];
  let until = MAX_AGGREGATE_ID;
  if (pageToken !== null) {
    const size = integer(query, "pageSize", 0, profile.maxLimit, limitMessage(profile, "pageSize")) ?? profile.defaultLimit;
    const [minId, maxId] = decodeToken(pageToken);
    until = maxId;
    positions = set.slice(minId - 1, size, maxId - 1);
  } else {
    const limit = integer(query, "limit", 0, profile.maxLimit, limitMessage(profile, "limit")) ?? profile.defaultLimit;
    const offset = integer(query, "offset", 0, Number.MAX_SAFE_INTEGER, "Offset must be a non-negative integer.") ?? 0;
    const start = limit > 0 ? set.positionAt(offset) : undefined;
    positions = start === undefined ? [] : set.slice(start, limit);
  }
  // 7.3 sends Next-Page-Token with every non-empty page, even under offset paging.
  if (profile.cursorPaging && positions.length > 0) headers["Next-Page-Token"] = encodeToken(positions[positions.length - 1] + 2, until);
  return page(ctx, positions, headers);
}

/** GET /ed-fi/{resource}/{id} */
export function item(ctx: ReadContext, id: string): Reply {
  const position = ctx.store.positionOfId(id);
  const stored = position === undefined ? undefined : ctx.store.at(position, ctx.snapshot);
  if (!stored || stored.id !== id) throw notFound();
  return { body: renderedRecord(ctx, stored), headers: {}, records: 1 };
}

/** GET /ed-fi/{resource}/partitions?number=N (7.3+): up to N page tokens splitting the records evenly. */
export function partitions(ctx: ReadContext): Reply {
  const number = integer(ctx.query, "number", 1, 200, "Number of partitions must be between 1 and 200.") ?? 1;
  const [minCv, maxCv] = changeWindow(ctx.query);
  const set: PositionSet = ctx.store.query(ctx.snapshot, minCv, maxCv);
  const n = Math.min(number, Math.max(1, set.size));
  const starts = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : (set.positionAt(Math.floor((i * set.size) / n)) as number)));
  const pageTokens = starts.map((start, i) => encodeToken(start + 1, i + 1 < n ? starts[i + 1] : MAX_AGGREGATE_ID));
  return { body: Buffer.from(JSON.stringify({ pageTokens })), headers: {}, records: 0 };
}

function changeLog<T extends { changeVersion: number }>(ctx: ReadContext, entries: readonly T[], shape: (e: T) => unknown): Reply {
  const { profile, query } = ctx;
  const [minCv, maxCv] = changeWindow(query);
  const visible = entries.filter((e) => e.changeVersion >= minCv && e.changeVersion <= maxCv && e.changeVersion <= ctx.snapshot);
  const limit = integer(query, "limit", 0, profile.maxLimit, limitMessage(profile, "limit")) ?? profile.defaultLimit;
  const offset = integer(query, "offset", 0, Number.MAX_SAFE_INTEGER, "Offset must be a non-negative integer.") ?? 0;
  const headers: Record<string, string> = {};
  if (flag(query, "totalCount")) headers["Total-Count"] = String(visible.length);
  const items = visible.slice(offset, offset + limit).map(shape);
  return { body: Buffer.from(JSON.stringify(items)), headers, records: items.length };
}

/** GET /ed-fi/{resource}/deletes: 5.x `{Id, ChangeVersion}`; 6.x+ `{id, changeVersion, keyValues}`. */
export function deletes(ctx: ReadContext): Reply {
  return changeLog(ctx, ctx.store.deletes, (e) =>
    ctx.profile.pascalCaseChangeQueries ? { Id: e.id, ChangeVersion: e.changeVersion } : e,
  );
}

/** GET /ed-fi/{resource}/keyChanges (6.x+). */
export function keyChanges(ctx: ReadContext): Reply {
  if (!ctx.profile.keyChanges) throw notFound();
  return changeLog(ctx, ctx.store.keyChanges, (e) => e);
}

export function availableChangeVersions(profile: Profile, snapshot: number): unknown {
  return profile.pascalCaseChangeQueries
    ? { OldestChangeVersion: 0, NewestChangeVersion: snapshot }
    : { oldestChangeVersion: 0, newestChangeVersion: snapshot };
}
