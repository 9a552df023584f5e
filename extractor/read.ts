// Reading one resource of one year from the API, page by page, in the safest parallel way the API
// allows. Every strategy below returns each record that existed throughout the read at least once:
//   cursor   7.3+: /partitions, then each partition's page tokens; keyset paging cannot skip a record
//   offset   under a snapshot: nothing changes while we read, so offsets are stable and pages parallel
//   reverse  no snapshot but change versions: the set is bounded by maxChangeVersion, so writes during the
//            read can only remove records from it (new versions get newer change versions); removals only
//            move later records to lower offsets, so walking offsets from the end never skips one. The
//            window is split into change-version slices walked in parallel. What left the set during a
//            full walk is read by its catch-up rounds (extract.ts catchUp), during an incremental one by
//            the next run.
//   plain    no change queries: offset pages one at a time from the last (the API orders by aggregate id:
//            a delete moves later records to lower offsets, a new record comes after the end, so walking
//            from the end skips none that existed throughout), then the count is checked again and a
//            change reported (what changed during the walk is in the next run's full snapshot).
import { isUtf8 } from "node:buffer";
import type { ApiClient } from "./api/client.js";
import { Limit } from "../lib/limit.js";
import { pageMemory } from "./buffer-pool.js";
import { scanJson, type ScannedElements, type ScannedPage } from "./verbatim.js";

export type Strategy = "cursor" | "offset" | "reverse" | "plain";

/**
 * A page as the API sent it. Its records are found when it is written rather than when it arrives: the
 * pages waiting for the writer then hold only their bytes, not a small object and an id string per record
 * that would live through several young-generation collections (copied each time, then promoted).
 */
export interface PageRead {
  /** Throws a ReadError naming the page when the body is malformed or an item has no id. */
  scan(): ScannedElements;
}

export interface ReadTarget {
  client: ApiClient;
  limit: Limit;
  /** Pages held, from their request until onPage resolved; shared by every read of a run, so memory stays flat however many run at once. */
  pages: Limit;
  /** Resource URL, e.g. http://host/data/v3/ed-fi/students (or …/students/deletes). */
  url: string;
  /** Names the read in errors: "students 2025". */
  what: string;
  pageSize: number;
  /** Inclusive change-version bounds; undefined when the API has no change queries. */
  minChangeVersion?: number;
  maxChangeVersion?: number;
  headers: Record<string, string>;
  /** Receives each page (and scans it). While it runs, the read fetches at most one more page (backpressure). */
  onPage(page: PageRead): Promise<void>;
}

/** A read that failed for good; `status` is the HTTP status of a refused request. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The target's URL (plus a sub-path) with query parameters and its change-version window. */
function query(target: ReadTarget, params: Record<string, string | number>, min = target.minChangeVersion, max = target.maxChangeVersion, subPath = ""): string {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  if (min !== undefined) search.set("minChangeVersion", String(min));
  if (max !== undefined) search.set("maxChangeVersion", String(max));
  return `${target.url}${subPath}?${search}`;
}

/** GET one page; malformed or unexpected bodies name the page (when it is scanned). */
async function fetchPage(target: ReadTarget, url: string, where: string): Promise<{ page: PageRead; headers: Record<string, string | undefined> }> {
  const what = `${target.what} ${where}`;
  const response = await target.client.get(url, what, target.headers);
  if (response.status !== 200) {
    throw new ReadError(`GET ${what} failed: HTTP ${response.status} ${response.body.slice(0, 300)}`, response.status);
  }
  // Valid UTF-8 lands byte for byte; anything else as its text decoding (U+FFFD for a bad sequence).
  const bytes = isUtf8(response.bytes) ? response.bytes : Buffer.from(response.body);
  const scan = () => {
    try {
      return scanPage(bytes, what);
    } finally {
      pageMemory.release(response.bytes); // the records' bytes are in their escaped copy
    }
  };
  return { page: { scan }, headers: response.headers };
}

function scanPage(bytes: Buffer, what: string): ScannedElements {
  let scanned: ScannedPage;
  try {
    scanned = scanJson(bytes);
  } catch (error) {
    throw new ReadError(`GET ${what}: the API sent malformed JSON (${(error as Error).message}); nothing from this window was committed`);
  }
  if (scanned.kind !== "array") throw new ReadError(`GET ${what}: expected a JSON array, got ${scanned.kind}`);
  const records = scanned.elements;
  for (let i = 0; i < records.count; i++) if (!records.hasId(i)) throw new ReadError(`GET ${what}: item ${i} has no id`);
  return records;
}

/** Total-Count of the read (optionally of a change-version slice). */
export async function countRecords(target: ReadTarget, min = target.minChangeVersion, max = target.maxChangeVersion): Promise<number> {
  const url = query(target, { limit: 0, totalCount: "true" }, min, max);
  const { headers } = await target.limit.run(() => fetchPage(target, url, "count"));
  const total = Number(headers["total-count"]);
  if (!Number.isInteger(total) || total < 0) throw new ReadError(`GET ${target.what} count: the API sent no usable Total-Count header`);
  return total;
}

interface PageRequest {
  url: string;
  /** Names the page in errors: "offset 500", "partition 3 page 7". */
  where: string;
}

/**
 * Pages fetched one after another, each while the page before it is handed to onPage: a request slot
 * is held only while its request runs, so the API always has work, and at most one page of the
 * sequence waits for onPage. `next` gives the request after a page (from its headers), or undefined.
 */
async function pageSequence(target: ReadTarget, next: (headers?: Record<string, string | undefined>) => PageRequest | undefined): Promise<void> {
  let handing: Promise<void> = Promise.resolve();
  for (let request = next(); request; ) {
    const { url, where } = request;
    const release = await target.pages.acquire();
    let fetched: Awaited<ReturnType<typeof fetchPage>>;
    try {
      fetched = await target.limit.run(() => fetchPage(target, url, where));
      await handing;
    } catch (error) {
      release();
      throw error;
    }
    handing = target.onPage(fetched.page).finally(release);
    handing.catch(() => undefined); // awaited with the next page or at the end; not unhandled meanwhile
    request = next(fetched.headers);
  }
  await handing;
}

/** Offset pages, in parallel (as many sequences as request slots), or one after another from the last. */
async function offsetPages(target: ReadTarget, total: number, reverse: boolean, min?: number, max?: number): Promise<void> {
  const offsets = Array.from({ length: Math.ceil(total / target.pageSize) }, (_, i) => i * target.pageSize);
  if (reverse) offsets.reverse();
  const next = (): PageRequest | undefined => {
    const offset = offsets.shift();
    return offset === undefined ? undefined : { url: query(target, { offset, limit: target.pageSize }, min, max), where: `offset ${offset}` };
  };
  const sequences = reverse ? 1 : Math.min(target.limit.size, offsets.length);
  await Promise.all(Array.from({ length: sequences }, () => pageSequence(target, next)));
}

async function cursorPages(target: ReadTarget, total: number): Promise<void> {
  // Each partition is a page sequence ending with a request that returns no records: at least 4 pages
  // each, and one per request slot (a sequence keeps its slot busy while its last page is written, and
  // each holds at most one page waiting: more sequences would only hold more memory).
  const pages = Math.ceil(total / target.pageSize);
  const partitions = Math.max(1, Math.min(200, Math.ceil(pages / 4), target.limit.size));
  const url = query(target, { number: partitions }, undefined, undefined, "/partitions");
  const response = await target.limit.run(() => target.client.get(url, `${target.what} partitions`, target.headers));
  if (response.status !== 200) throw new ReadError(`GET ${target.what} partitions failed: HTTP ${response.status} ${response.body.slice(0, 300)}`);
  const tokens = (JSON.parse(response.body) as { pageTokens?: string[] }).pageTokens;
  if (!Array.isArray(tokens)) throw new ReadError(`GET ${target.what} partitions: no pageTokens in the response`);
  await Promise.all(
    tokens.map((first, p) => {
      let n = 0;
      return pageSequence(target, (headers) => {
        const token = headers ? headers["next-page-token"] : first;
        return token ? { url: query(target, { pageToken: token, pageSize: target.pageSize }), where: `partition ${p} page ${n++}` } : undefined;
      });
    }),
  );
}

/** Read every record of the target with a strategy; returns the Total-Count at the start. */
export async function readAll(target: ReadTarget, strategy: Strategy): Promise<{ expected: number; recount?: number }> {
  const total = await countRecords(target);
  if (strategy === "cursor") await cursorPages(target, total);
  else if (strategy === "offset") await offsetPages(target, total, false);
  else if (strategy === "plain") await offsetPages(target, total, true);
  else {
    const min = target.minChangeVersion ?? 0;
    const max = target.maxChangeVersion as number;
    const slices = Math.max(1, Math.min(8, Math.ceil(total / (target.pageSize * 4)), max - min + 1));
    const bounds = Array.from({ length: slices + 1 }, (_, i) => min + Math.floor(((max - min + 1) * i) / slices));
    await Promise.all(
      bounds.slice(0, -1).map(async (from, i) => {
        const to = bounds[i + 1] - 1;
        await offsetPages(target, await countRecords(target, from, to), true, from, to);
      }),
    );
  }
  if (strategy === "plain") return { expected: total, recount: await countRecords(target) };
  return { expected: total };
}

/** Read a change log (/deletes, /keyChanges): append-only within a closed window, so parallel offsets are safe. */
export async function readLog(target: ReadTarget): Promise<number> {
  const total = await countRecords(target);
  await offsetPages(target, total, false);
  return total;
}

/**
 * Counts the distinct ids of the records read, exactly, in little memory: an id in the ODS form (32
 * lowercase hex digits) takes 16 bytes in an open-addressing table; any other id is kept in a Set.
 * (A Set of a million id strings takes about 100 MB, and the heap it keeps alive slows every GC.)
 */
export class DistinctIds {
  /** Four words per slot, linear probing; all zero is an empty slot (the all-zero id is the flag `zero`). */
  private slots = new Uint32Array(4 * 1024);
  private mask = 1023;
  private odsIds = 0;
  private zero = false;
  private readonly others = new Set<string>();
  private readonly words = new Uint32Array(4);

  get size(): number {
    return this.odsIds + (this.zero ? 1 : 0) + this.others.size;
  }

  add(id: string): void {
    if (!odsWords(id, this.words)) this.others.add(id);
    else if ((this.words[0] | this.words[1] | this.words[2] | this.words[3]) === 0) this.zero = true;
    else if (insert(this.slots, this.mask, this.words, 0)) {
      this.odsIds += 1;
      if (this.odsIds * 4 > this.mask * 3) this.grow();
    }
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Uint32Array(4 * (this.mask + 1));
    for (let at = 0; at < old.length; at += 4) if ((old[at] | old[at + 1] | old[at + 2] | old[at + 3]) !== 0) insert(this.slots, this.mask, old, at);
  }
}

/** The 128 bits of a 32-lowercase-hex-digit id into `words`; false for any other id. */
function odsWords(id: string, words: Uint32Array): boolean {
  if (id.length !== 32) return false;
  for (let w = 0; w < 4; w++) {
    let word = 0;
    for (let i = w * 8; i < w * 8 + 8; i++) {
      const c = id.charCodeAt(i);
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
      if (digit < 0) return false;
      word = (word << 4) | digit;
    }
    words[w] = word;
  }
  return true;
}

/** Put the id at `from[at…at+3]` into the table; false if it is there already. */
function insert(slots: Uint32Array, mask: number, from: Uint32Array, at: number): boolean {
  const a = from[at], b = from[at + 1], c = from[at + 2], d = from[at + 3];
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77) ^ Math.imul(d, 0xc2b2ae3d), 0x27d4eb2f);
  h ^= h >>> 15;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const i = slot * 4;
    if (slots[i] === a && slots[i + 1] === b && slots[i + 2] === c && slots[i + 3] === d) return false;
    if ((slots[i] | slots[i + 1] | slots[i + 2] | slots[i + 3]) === 0) {
      slots[i] = a;
      slots[i + 1] = b;
      slots[i + 2] = c;
      slots[i + 3] = d;
      return true;
    }
  }
}
