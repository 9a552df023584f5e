// One resource of one API instance: the lazily generated base records plus an overlay of versioned
// changes (updates, inserts, deletes, key changes). Every change carries the change version that made
// it, so the store can answer "as of change version S" for snapshots and change windows.
//
// Records live at *positions* (0-based AggregateId - 1): base records at [0, table.count), inserts
// appended after them. A position's content at S is its latest version with cv ≤ S, else the base
// record (cv = baseCv + position + 1).
import type { CatalogEntry, DataStandard } from "../lib/catalog.js";
import { naturalKey } from "../lib/catalog.js";
import type { EdfiRecord, Table } from "./district/types.js";
import { hex32, hexId } from "./random.js";

interface Version {
  cv: number;
  /** null = deleted at cv */
  record: EdfiRecord | null;
  id: string;
  revision: number;
}

export interface StoredRecord {
  position: number;
  id: string;
  cv: number;
  record: EdfiRecord;
  revision: number;
}

export interface DeleteEntry {
  id: string;
  changeVersion: number;
  keyValues: Record<string, unknown>;
}

export interface KeyChangeEntry {
  id: string;
  changeVersion: number;
  oldKeyValues: Record<string, unknown>;
  newKeyValues: Record<string, unknown>;
}

/** Which positions a read sees: a base position range minus changed positions, plus the changed ones that match. */
export interface PositionSet {
  readonly size: number;
  /** Positions in ascending order, starting at the first position ≥ from, at most count, none beyond until. */
  slice(from: number, count: number, until?: number): number[];
  /** Number of members with position < p. */
  rank(p: number): number;
  /** The member at a rank (0-based), or undefined past the end. */
  positionAt(rank: number): number | undefined;
}

export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function valueAt(record: EdfiRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/**
 * /deletes and /keyChanges key values use flat names (`schoolId`, `studentUniqueId`); where two reference
 * fields share a name the role prefixes it, as ODS does (`programEducationOrganizationId`).
 */
export function flatKeyNames(paths: readonly string[]): string[] {
  const last = paths.map((p) => p.split(".").at(-1) as string);
  return paths.map((path, i) => {
    const parts = path.split(".");
    if (parts.length === 1 || last.filter((n) => n === last[i]).length === 1) return last[i];
    const role = parts[parts.length - 2].replace(/Reference$/, "");
    return last[i].startsWith(role) ? last[i] : role + last[i][0].toUpperCase() + last[i].slice(1);
  });
}

export class ResourceStore {
  readonly keyPaths: string[];
  private readonly keyNames: string[];
  private readonly history = new Map<number, Version[]>();
  /** Change version at which each inserted position was created (ascending). */
  private readonly insertCvs: number[] = [];
  readonly deletes: DeleteEntry[] = [];
  readonly keyChanges: KeyChangeEntry[] = [];
  private changedCache: { epoch: number; snapshot: number; positions: number[] } | undefined;
  /** Query results of the current epoch by (snapshot, window): a walk asks the same question per page. */
  private queryCache = new Map<string, PositionSet>();
  private epoch = 0;

  constructor(
    readonly entry: CatalogEntry,
    readonly table: Table,
    dataStandard: DataStandard,
    private readonly seed: number,
    private readonly resourceIndex: number,
    /** Change version just before this resource's first base record. */
    readonly baseCv: number,
  ) {
    this.keyPaths = naturalKey(entry, dataStandard);
    this.keyNames = flatKeyNames(this.keyPaths);
  }

  get positions(): number {
    return this.table.count + this.insertCvs.length;
  }

  /** Ids embed the position (last 8 hex digits) so /{id} lookups need no index; the rest is a seeded hash. */
  idFor(position: number): string {
    return hexId(this.seed, this.resourceIndex, position).slice(0, 24) + hex32(position);
  }

  positionOfId(id: string): number | undefined {
    if (!/^[0-9a-f]{32}$/.test(id)) return undefined;
    return parseInt(id.slice(24), 16);
  }

  keyValues(record: EdfiRecord): Record<string, unknown> {
    return Object.fromEntries(this.keyPaths.map((path, i) => [this.keyNames[i], valueAt(record, path)]));
  }

  /** The record at a position as of change version `snapshot`, or undefined if it does not exist then. */
  at(position: number, snapshot: number): StoredRecord | undefined {
    const versions = this.history.get(position);
    if (versions) {
      for (let i = versions.length - 1; i >= 0; i--) {
        const v = versions[i];
        if (v.cv > snapshot) continue;
        return v.record ? { position, id: v.id, cv: v.cv, record: v.record, revision: v.revision } : undefined;
      }
    }
    if (position >= this.table.count) return undefined;
    return { position, id: this.idFor(position), cv: this.baseCv + position + 1, record: this.table.record(position), revision: 0 };
  }

  /** Positions with any change at or before `snapshot`, ascending (cached until the next change). */
  private changedPositions(snapshot: number): number[] {
    const cache = this.changedCache;
    if (cache && cache.epoch === this.epoch && cache.snapshot === snapshot) return cache.positions;
    const positions: number[] = [];
    for (const [position, versions] of this.history) if (versions[0].cv <= snapshot) positions.push(position);
    positions.sort((a, b) => a - b);
    this.changedCache = { epoch: this.epoch, snapshot, positions };
    return positions;
  }

  /** The records a read sees as of `snapshot`, restricted to change versions in [minCv, maxCv]. */
  query(snapshot: number, minCv = 0, maxCv = Number.MAX_SAFE_INTEGER): PositionSet {
    const key = `${snapshot}|${minCv}|${maxCv}`;
    let set = this.queryCache.get(key);
    if (!set) {
      if (this.queryCache.size >= 64) this.queryCache.clear();
      set = this.buildQuery(snapshot, minCv, maxCv);
      this.queryCache.set(key, set);
    }
    return set;
  }

  private buildQuery(snapshot: number, minCv: number, maxCv: number): PositionSet {
    const count = this.table.count;
    // Base positions whose base change version falls in the window: one contiguous range.
    const lo = Math.min(count, Math.max(0, minCv - this.baseCv - 1));
    const hi = Math.max(lo, Math.min(count, Math.min(maxCv, snapshot) - this.baseCv));
    const changed = this.changedPositions(snapshot);
    const excludedFrom = lowerBound(changed, lo);
    const excludedTo = lowerBound(changed, hi);
    const matching: number[] = [];
    if (changed.length > 0) {
      for (const position of changed) {
        const current = this.at(position, snapshot);
        if (current && current.cv >= minCv && current.cv <= maxCv) matching.push(position);
      }
    }
    const size = hi - lo - (excludedTo - excludedFrom) + matching.length;

    const rank = (p: number): number => {
      const q = Math.min(Math.max(p, lo), hi);
      return q - lo - (lowerBound(changed, q) - excludedFrom) + lowerBound(matching, p);
    };

    const slice = (from: number, limit: number, until = Number.MAX_SAFE_INTEGER): number[] => {
      const out: number[] = [];
      let b = Math.max(from, lo);
      let c = lowerBound(changed, b);
      let m = lowerBound(matching, from);
      while (out.length < limit) {
        while (b < hi && changed[c] === b) {
          b++;
          c++;
        }
        const nextBase = b < hi ? b : Infinity;
        const nextMatch = m < matching.length ? matching[m] : Infinity;
        const next = Math.min(nextBase, nextMatch);
        if (next === Infinity || next > until) break;
        out.push(next);
        // A base member is never in `matching` (that holds changed positions only), so the two never tie.
        if (next === nextBase) b++;
        else m++;
      }
      return out;
    };

    const positionAt = (r: number): number | undefined => {
      if (r < 0 || r >= size) return undefined;
      // Smallest p with rank(p + 1) > r.
      let low = 0;
      let high = this.positions;
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        if (rank(mid + 1) > r) high = mid;
        else low = mid + 1;
      }
      return low;
    };

    return { size, slice, rank, positionAt };
  }

  private push(position: number, version: Version): void {
    const versions = this.history.get(position);
    if (versions) versions.push(version);
    else this.history.set(position, [version]);
    this.epoch++;
    this.queryCache.clear();
  }

  update(current: StoredRecord, cv: number): void {
    const update = this.table.update;
    if (!update) throw new Error(`${this.entry.resource} has no update`);
    const revision = current.revision + 1;
    this.push(current.position, { cv, record: update(current.record, revision), id: current.id, revision });
  }

  delete(current: StoredRecord, cv: number): void {
    this.push(current.position, { cv, record: null, id: current.id, revision: current.revision + 1 });
    this.deletes.push({ id: current.id, changeVersion: cv, keyValues: this.keyValues(current.record) });
  }

  changeKey(current: StoredRecord, cv: number): void {
    const changeKey = this.table.changeKey;
    if (!changeKey) throw new Error(`${this.entry.resource} has no key change`);
    const revision = current.revision + 1;
    const record = changeKey(current.record, revision);
    this.push(current.position, { cv, record, id: current.id, revision });
    this.keyChanges.push({
      id: current.id,
      changeVersion: cv,
      oldKeyValues: this.keyValues(current.record),
      newKeyValues: this.keyValues(record),
    });
  }

  /** Append a record at a new position (an insert, or the second half of delete-then-reinsert). */
  append(record: EdfiRecord, cv: number): number {
    const position = this.positions;
    this.insertCvs.push(cv);
    this.push(position, { cv, record, id: this.idFor(position), revision: 0 });
    return position;
  }

  insert(k: number, cv: number): number {
    const insert = this.table.insert;
    if (!insert) throw new Error(`${this.entry.resource} has no insert`);
    return this.append(insert(k), cv);
  }

  get insertedCount(): number {
    return this.insertCvs.length;
  }
}
