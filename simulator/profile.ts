// Version profiles: the observable differences between ODS/API releases (API-NOTES §0) that a client
// must cope with. The simulator switches every quirk on these flags, never on version strings.
import type { DataStandard } from "../lib/catalog.js";

export type ApiVersion = "5.3" | "6.1" | "7.3";
export const API_VERSIONS: readonly ApiVersion[] = ["5.3", "6.1", "7.3"];

export interface Profile {
  version: ApiVersion;
  informationalVersion: string;
  /** Default `limit` when the client omits it. */
  defaultLimit: number;
  /** Largest `limit` / `pageSize` accepted (DefaultPageSizeLimit). */
  maxLimit: number;
  /** availableChangeVersions and 5.x /deletes use PascalCase keys. */
  pascalCaseChangeQueries: boolean;
  /** /keyChanges exists (6.0+). */
  keyChanges: boolean;
  /** `_lastModifiedDate` on items (6.1+). */
  lastModifiedDate: boolean;
  /** Errors as problem details (7.2+) instead of `{ message }`. */
  problemDetails: boolean;
  /** Snapshot selection: `Use-Snapshot: true` (7.x) or `Snapshot-Identifier: <id>` (5.x/6.x). */
  snapshotHeader: "Use-Snapshot" | "Snapshot-Identifier";
  /** Cursor paging: /partitions, pageToken/pageSize, Next-Page-Token (7.3+). */
  cursorPaging: boolean;
  /** Root document carries `apiMode` (before 7.0). */
  apiMode: boolean;
  /** Context (school year) goes before /data (7.x) rather than after /data/v3 (5.x/6.x). */
  contextBeforeData: boolean;
  /** Live tokens per client (7.3 default 15); 0 = unlimited. */
  tokenCap: number;
  /** OpenAPI document flavour served under /metadata. */
  openApi: "swagger2" | "openapi3";
  /** Data standards this release can run, and the data model version it reports for each. */
  dataModels: Partial<Record<DataStandard, string>>;
  defaultDataStandard: DataStandard;
}

export const PROFILES: Record<ApiVersion, Profile> = {
  "5.3": {
    version: "5.3",
    informationalVersion: "5.3.1146",
    defaultLimit: 25,
    maxLimit: 500,
    pascalCaseChangeQueries: true,
    keyChanges: false,
    lastModifiedDate: false,
    problemDetails: false,
    snapshotHeader: "Snapshot-Identifier",
    cursorPaging: false,
    apiMode: true,
    contextBeforeData: false,
    tokenCap: 0,
    openApi: "swagger2",
    dataModels: { 4: "3.3.1-b" },
    defaultDataStandard: 4,
  },
  "6.1": {
    version: "6.1",
    informationalVersion: "6.1.1",
    defaultLimit: 500,
    maxLimit: 500,
    pascalCaseChangeQueries: false,
    keyChanges: true,
    lastModifiedDate: true,
    problemDetails: false,
    snapshotHeader: "Snapshot-Identifier",
    cursorPaging: false,
    apiMode: true,
    contextBeforeData: false,
    tokenCap: 0,
    openApi: "swagger2",
    dataModels: { 4: "4.0.0" },
    defaultDataStandard: 4,
  },
  "7.3": {
    version: "7.3",
    informationalVersion: "7.3.2",
    defaultLimit: 500,
    maxLimit: 500,
    pascalCaseChangeQueries: false,
    keyChanges: true,
    lastModifiedDate: true,
    problemDetails: true,
    snapshotHeader: "Use-Snapshot",
    cursorPaging: true,
    apiMode: false,
    contextBeforeData: true,
    tokenCap: 15,
    openApi: "openapi3",
    dataModels: { 4: "4.0.0", 5: "5.2.0" },
    defaultDataStandard: 5,
  },
};
