// What kind of Ed-Fi API this is, read from its root document rather than configured: version, data
// standard, YearSpecific or shared routes, where data, tokens and change queries live, and which of the
// version's features (cursor paging, key changes, snapshot header) apply.
import { z } from "zod";
import type { DataStandard } from "../lib/catalog.js";

const RootDocument = z.object({
  version: z.string(),
  apiMode: z.string().optional(),
  dataModels: z.array(z.object({ name: z.string(), version: z.string() })).min(1),
  urls: z.object({
    dataManagementApi: z.string(),
    oauth: z.string(),
    changeQueries: z.string().optional(),
    openApiMetadata: z.string().optional(),
  }),
});

export interface ApiShape {
  version: string;
  dataStandard: DataStandard;
  dataModelVersion: string;
  /** One ODS per school year behind year routes (5.x/6.x "Year Specific", 7.x context routes). */
  yearSpecific: boolean;
  /** Base of resource URLs for a year, ending in "/": `${dataUrl(y)}ed-fi/students`. */
  dataUrl(year: number): string;
  /** Base of change-query URLs for a year, ending in "/". */
  changeQueriesUrl(year: number): string;
  oauthUrl(year: number): string;
  /** /partitions + pageToken/pageSize (ODS/API 7.3+). */
  cursorPaging: boolean;
  /** /keyChanges exists (6.0+). */
  keyChanges: boolean;
  /** How a client pins reads to a snapshot. */
  snapshotHeader: "Use-Snapshot" | "Snapshot-Identifier";
}

export class DiscoveryError extends Error {}

const PLACEHOLDER = /\{[^}]+\}/;
const YEAR_SEGMENT = /\/\d{4}(?=\/?$)/;
const dir = (url: string) => url.replace(/\/?$/, "/");

/** Interpret the API's root document (GET of the base URL). */
export function describeApi(baseUrl: string, body: unknown): ApiShape {
  const parsed = RootDocument.safeParse(body);
  if (!parsed.success) {
    throw new DiscoveryError(`${baseUrl} does not look like an Ed-Fi ODS/API root document: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const root = parsed.data;
  const edfi = root.dataModels.find((m) => m.name === "Ed-Fi");
  if (!edfi) throw new DiscoveryError(`${baseUrl} lists no "Ed-Fi" data model`);
  const [major, minor] = root.version.split(".").map(Number);
  const dataStandard: DataStandard = Number(edfi.version.split(".")[0]) >= 5 ? 5 : 4;

  const { dataManagementApi, oauth } = root.urls;
  // 7.x outside a context route writes placeholders; 5.x/6.x in Year Specific mode write a concrete year.
  const templated = PLACEHOLDER.test(dataManagementApi);
  const yearSpecific = templated || root.apiMode === "Year Specific";
  const changeQueries = root.urls.changeQueries ?? dataManagementApi.replace("/data/v3", "/changeQueries/v1");
  const forYear = (url: string) => (year: number) => {
    if (PLACEHOLDER.test(url)) return url.replace(PLACEHOLDER, String(year));
    return yearSpecific && YEAR_SEGMENT.test(url) ? url.replace(YEAR_SEGMENT, `/${year}`) : url;
  };
  const data = forYear(dataManagementApi);
  const cq = forYear(changeQueries);
  return {
    version: root.version,
    dataStandard,
    dataModelVersion: edfi.version,
    yearSpecific,
    dataUrl: (year) => dir(data(year)),
    changeQueriesUrl: (year) => dir(cq(year)),
    oauthUrl: forYear(oauth),
    cursorPaging: major > 7 || (major === 7 && minor >= 3),
    keyChanges: major >= 6,
    snapshotHeader: major >= 7 ? "Use-Snapshot" : "Snapshot-Identifier",
  };
}
