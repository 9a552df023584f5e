// The contract between the synthetic district (what exists) and the API store (ids, change versions,
// paging, mutations). A district is a set of lazily generated tables, one per catalog resource.
import type { DataStandard } from "../../lib/catalog.js";

/** An Ed-Fi API record without the server-assigned `id`, `_etag` and `_lastModifiedDate`. */
export type EdfiRecord = Record<string, unknown>;

export interface Table {
  /** Number of records at start-up. */
  readonly count: number;
  /** Record i (0 ≤ i < count), a pure function of the district options and i. Must be cheap: called per request. */
  record(i: number): EdfiRecord;
  /**
   * True when no other resource references this one, so deleting or inserting its records keeps the
   * district referentially consistent. Mutations delete and insert only in leaf tables.
   */
  readonly leaf: boolean;
  /** The k-th inserted record (k ≥ 0): valid references, natural key distinct from every base record and other insert. */
  insert?(k: number): EdfiRecord;
  /** Revision r (≥ 1) of a record: same natural key, some non-key fields changed deterministically from r. */
  update?(record: EdfiRecord, revision: number): EdfiRecord;
  /** Revision r (≥ 1) of a record with its natural key changed (a key update), distinct from every other key. Leaf tables only. */
  changeKey?(record: EdfiRecord, revision: number): EdfiRecord;
}

export interface DistrictOptions {
  seed: number;
  students: number;
  /** School years (e.g. 2025 = the 2024-25 school year) held by this instance. */
  years: readonly number[];
  dataStandard: DataStandard;
}

/** Tables keyed by catalog `resource` name (e.g. "studentSchoolAssociations", "sexDescriptors"). */
export type District = ReadonlyMap<string, Table>;
