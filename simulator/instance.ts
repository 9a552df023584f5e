// One ODS behind the API: a shared instance holding every school year, or one year of a
// YearSpecific deployment. Owns the database-wide change-version sequence, the snapshots and the
// seeded mutations that make incremental extraction testable.
import type { CatalogEntry, DataStandard } from "../lib/catalog.js";
import { resourcesFor } from "../lib/catalog.js";
import { buildDistrict } from "./district/index.js";
import { hash32, hexId, stringHash } from "./random.js";
import { ResourceStore, type StoredRecord } from "./store.js";

export interface Snapshot {
  id: string;
  snapshotIdentifier: string;
  snapshotDateTime: string;
  changeVersion: number;
}

export interface MutationCounts {
  updated: number;
  inserted: number;
  deleted: number;
  keyChanged: number;
  reinserted: number;
}

export interface InstanceOptions {
  seed: number;
  students: number;
  years: readonly number[];
  dataStandard: DataStandard;
  /** Route context (school year) of a YearSpecific instance; null when shared. */
  context: string | null;
  snapshots: boolean;
}

/** Change versions map to deterministic timestamps: one second apart from the July before the first year. */
export function timestampOf(cv: number, years: readonly number[]): Date {
  return new Date(timestampMsOf(cv, years));
}

/** The years of the last call of timestampMsOf, and the time of their change version 0. */
let clockYears: readonly number[] | undefined;
let clockStartMs = 0;

/** timestampOf in milliseconds since the epoch (every record served is dated: the start is kept per years list). */
export function timestampMsOf(cv: number, years: readonly number[]): number {
  if (years !== clockYears) {
    clockYears = years;
    clockStartMs = Date.UTC(Math.min(...years) - 1, 6, 1);
  }
  return clockStartMs + cv * 1000;
}

export class Instance {
  readonly stores = new Map<string, ResourceStore>();
  private cv: number;
  readonly snapshots: Snapshot[] = [];
  private mutations = 0;

  constructor(readonly options: InstanceOptions) {
    const district = buildDistrict(options);
    let cv = 0;
    resourcesFor(options.dataStandard).forEach((entry, index) => {
      const table = district.get(entry.resource);
      if (!table) throw new Error(`district has no table for ${entry.resource}`);
      const store = new ResourceStore(entry, table, options.dataStandard, options.seed, index, cv);
      this.stores.set(entry.resource, store);
      cv += table.count;
    });
    this.cv = cv;
    this.takeSnapshot();
  }

  get newestChangeVersion(): number {
    return this.cv;
  }

  get latestSnapshot(): Snapshot | undefined {
    return this.snapshots.at(-1);
  }

  /** A snapshot freezes the current change version; reads under it ignore every later change. */
  takeSnapshot(): Snapshot | undefined {
    if (!this.options.snapshots) return undefined;
    const n = this.snapshots.length + 1;
    const snapshot = {
      id: hexId(this.options.seed, 0x5a, n),
      snapshotIdentifier: `EdFi_Ods_Snapshot_${n}`,
      snapshotDateTime: timestampOf(this.cv, this.options.years).toISOString(),
      changeVersion: this.cv,
    };
    this.snapshots.push(snapshot);
    return snapshot;
  }

  storeFor(entry: CatalogEntry): ResourceStore | undefined {
    return this.stores.get(entry.resource);
  }

  /** Every record a client should hold for a resource right now (live records in position order). */
  *current(resource: string, snapshot = this.cv): Generator<StoredRecord> {
    const store = this.stores.get(resource);
    if (!store) throw new Error(`unknown resource ${resource}`);
    const set = store.query(snapshot);
    for (let from = 0; ; ) {
      const positions = set.slice(from, 10000);
      if (positions.length === 0) return;
      for (const position of positions) yield store.at(position, snapshot) as StoredRecord;
      from = positions[positions.length - 1] + 1;
    }
  }

  /** A live record chosen by a seeded draw (probing forward past deleted positions), or undefined. */
  private pick(store: ResourceStore, ...draw: number[]): StoredRecord | undefined {
    const total = store.positions;
    if (total === 0) return undefined;
    const start = hash32(this.options.seed, ...draw) % total;
    for (let i = 0; i < Math.min(total, 64); i++) {
      const found = store.at((start + i) % total, this.cv);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * A seeded batch of changes across every resource: `fraction` of each table's records changed (at least
   * one change of every kind the table allows), kinds taken in turn. Leaf tables (nothing references
   * them) get deletes, inserts and key changes too; every table gets updates and delete-then-reinserts,
   * which keep references valid. Then a new snapshot is taken, as a district's nightly snapshot job would.
   */
  mutate(fraction = 0.01): Record<string, MutationCounts> {
    const batch = ++this.mutations;
    const summary: Record<string, MutationCounts> = {};
    for (const [resource, store] of this.stores) {
      const counts: MutationCounts = { updated: 0, inserted: 0, deleted: 0, keyChanged: 0, reinserted: 0 };
      const kinds = changeKinds(store);
      const n = Math.max(kinds.length, Math.round(store.positions * fraction));
      for (let j = 0; j < n; j++) this.change(store, counts, kinds[j % kinds.length], batch, stringHash(resource), j);
      summary[resource] = counts;
    }
    this.takeSnapshot();
    return summary;
  }

  /** One change of a kind to a seeded choice of live record. Also used for the concurrent-writes fault. */
  change(store: ResourceStore, counts: MutationCounts, kind: ChangeKind, ...draw: number[]): void {
    const current = this.pick(store, ...draw);
    if (!current) return;
    switch (kind) {
      case "deleted":
        store.delete(current, ++this.cv);
        break;
      case "inserted":
        store.insert(store.insertedCount, ++this.cv);
        break;
      case "keyChanged":
        store.changeKey(current, ++this.cv);
        break;
      case "reinserted":
        // Delete then reinsert the same natural key: a new id at a new position (the offset-paging hazard).
        store.delete(current, ++this.cv);
        store.append(current.record, ++this.cv);
        break;
      case "updated":
        store.update(current, ++this.cv);
        break;
    }
    counts[kind]++;
  }
}

export type ChangeKind = keyof MutationCounts;

/** The changes a table supports without breaking references or key uniqueness. */
export function changeKinds(store: ResourceStore): ChangeKind[] {
  const { table, entry } = store;
  const kinds: ChangeKind[] = [];
  if (table.update) kinds.push("updated");
  kinds.push("reinserted");
  if (table.leaf) {
    kinds.push("deleted");
    if (table.insert) kinds.push("inserted");
    if (table.changeKey && entry.keyChanges) kinds.push("keyChanged");
  }
  return kinds;
}
