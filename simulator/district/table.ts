// Building blocks shared by the table modules.
import { addDays } from "./schoolYear.js";
import type { EdfiRecord } from "./types.js";

/**
 * Records grouped by owner (a student, a student-year): owner o holds count(o) consecutive records. A
 * prefix-sum array maps a flat record index to its owner by binary search, so variable-count child
 * resources stay lazy at the cost of 4 bytes per owner.
 */
export class Groups {
  readonly total: number;
  /** starts[o] = index of owner o's first record; starts[owners] = total. */
  private readonly starts: Uint32Array;
  private readonly ownerStarts: Uint32Array;

  constructor(owners: number, count: (owner: number) => number) {
    this.starts = new Uint32Array(owners + 1);
    for (let o = 0; o < owners; o++) this.starts[o + 1] = this.starts[o] + count(o);
    this.total = this.starts[owners];
    this.ownerStarts = this.starts.subarray(0, owners);
  }

  /** The owner of record i (0 ≤ i < total); owners without records are skipped. */
  owner(i: number): number {
    return lastAtMost(this.ownerStarts, i);
  }

  /** Index of the first record of an owner. */
  start(owner: number): number {
    return this.starts[owner];
  }
}

/** The last position of an ascending array whose value is ≤ value (0 if none). */
export function lastAtMost(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const REVISION = / \(revision \d+\)$/;

/** An update that marks a text field with the revision number (replacing an earlier mark). */
export function revise(field: string) {
  return (record: EdfiRecord, revision: number): EdfiRecord => ({
    ...record,
    [field]: `${String(record[field]).replace(REVISION, "")} (revision ${revision})`,
  });
}

/** An update that ends an association some days after its beginDate (a student or teacher left early). */
export function endAfter(days: number, spread: number) {
  return (record: EdfiRecord, revision: number): EdfiRecord => ({ ...record, endDate: addDays(String(record.beginDate), days + (revision % spread)) });
}

/** A variant for inserts: the same association beginning n days later. */
export const beginLater = (record: EdfiRecord, n: number): EdfiRecord => ({ ...record, beginDate: addDays(String(record.beginDate), n) });

/**
 * Inserts as variants of base records: insert k copies base record k mod count and changes a free key
 * field by variant(record, ⌊k / count⌋ + 1), so inserts differ from every base record and each other
 * whenever variant n ≥ 1 yields a key value no base record of the same owner has.
 */
export function variants(count: number, record: (i: number) => EdfiRecord, variant: (record: EdfiRecord, n: number) => EdfiRecord) {
  return (k: number): EdfiRecord => variant(record(k % count), Math.floor(k / count) + 1);
}

/** Pads a number with leading zeros. */
export const pad = (n: number, width = 2) => String(n).padStart(width, "0");
