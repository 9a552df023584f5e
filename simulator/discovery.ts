// Discovery documents of the simulated ODS/API (API-NOTES §1): the root (version) document, the OpenAPI
// metadata index with its "Descriptors" and "Resources" documents, the XSD index and the dependencies document.
// Routes follow real ODS/API: OpenApiMetadataRouteInformation, VersionController (5.x/6.x and 7.x),
// OpenApiMetadataController, AggregateDependencyController and OpenApiV3UpconversionProvider.
import { resourcesFor, naturalKey, type CatalogEntry, type DataStandard } from "../lib/catalog.js";
import type { Profile } from "./profile.js";

export interface DiscoveryOptions {
  profile: Profile;
  dataStandard: DataStandard; // 4 or 5 (lib/catalog.ts)
  origin: string; // e.g. "http://127.0.0.1:8765" (no trailing slash)
  /** Route context (the school year, e.g. "2024") when the instance is year-specific; null for a shared instance. */
  context: string | null;
  mode: "year-specific" | "shared";
  years: readonly number[]; // years served
}

type Json = Record<string, unknown>;
type Section = "descriptors" | "resources";
const SECTIONS: readonly Section[] = ["descriptors", "resources"]; // ODS lists Descriptors first

/** What 7.x writes in root-document URLs when called outside a context route. */
export const CONTEXT_PLACEHOLDER = "{schoolYearFromRoute}";
/** Name of the OpenAPI 3 server variable that holds the context (7.x `GetTenantContextTitle`). */
export const CONTEXT_VARIABLE = "Context Selection";

/** URL paths (no origin) of one route context. */
interface Routes {
  root: string;
  metadata: string;
  document(section: Section): string;
  dependencies: string;
  xsd: string;
  oauth: string;
  tokenInfo: string;
  data: string;
  changeQueries: string;
}

function routes(profile: Profile, ctx: string | null): Routes {
  // 7.x puts the context before every route; 5.x/6.x put it after the API's base segment.
  const before = profile.contextBeforeData && ctx ? `/${ctx}` : "";
  const after = !profile.contextBeforeData && ctx ? `/${ctx}` : "";
  // 5.x/6.x append the year with no trailing slash ("/data/v3/2024", "/metadata/2024"); otherwise "/data/v3/".
  const dir = (base: string) => (after ? base + after : `${before}${base}/`);
  const metadataData = `${before}/metadata/data/v3${after}`;
  return {
    root: `${before}/`,
    metadata: dir("/metadata"),
    document: (section) => `${metadataData}/${section}/swagger.json`,
    dependencies: `${metadataData}/dependencies`,
    xsd: `${before}/metadata${after}/xsd`,
    oauth: `${before}/oauth/token`,
    tokenInfo: `${before}/oauth/token_info`,
    data: dir("/data/v3"),
    changeQueries: dir("/changeQueries/v1"),
  };
}

/** Every discovery document the server serves, keyed by URL path (no query string), e.g. "/", "/metadata/", ".../resources/swagger.json". */
export function discoveryDocuments(options: DiscoveryOptions): Map<string, unknown> {
  const { profile, context, mode } = options;
  if (profile.dataModels[options.dataStandard] === undefined) {
    throw new Error(`ODS/API ${profile.version} does not serve data standard ${options.dataStandard}`);
  }
  if (mode === "shared" && context !== null) throw new Error("a shared instance has no route context");
  const docs = new Map<string, unknown>();
  // ASP.NET matches a route with or without its trailing slash: serve both spellings of directory-like paths.
  const put = (path: string, doc: unknown, bothSlashes = false) => {
    docs.set(path, doc);
    if (bothSlashes && path !== "/") docs.set(path.endsWith("/") ? path.slice(0, -1) : `${path}/`, doc);
  };

  if (mode === "year-specific" && context === null) {
    // The plain root of a year-specific API: 7.x writes a placeholder, 5.x/6.x the current year (here: the latest served).
    const year = profile.contextBeforeData ? CONTEXT_PLACEHOLDER : String(Math.max(...options.years));
    put("/", rootDocument(options, routes(profile, year)));
    return docs;
  }

  const r = routes(profile, context);
  // 5.x/6.x serve the root document only at "/", 7.x also under each context.
  if (context === null || profile.contextBeforeData) put(r.root, rootDocument(options, r), true);
  const index = SECTIONS.map((section) => ({ name: title(section), endpointUri: options.origin + r.document(section), prefix: "" }));
  put(r.metadata, index, true);
  for (const section of SECTIONS) put(r.document(section), openApiDocument(options, r, section));
  put(r.dependencies, dependencies(options.dataStandard));
  const version = profile.dataModels[options.dataStandard];
  put(r.xsd, [{ name: "ed-fi", version, description: "Core schema (Ed-Fi) files for the data model" }]);
  return docs;
}

function rootDocument(o: DiscoveryOptions, r: Routes): Json {
  const { profile } = o;
  const url = (path: string) => o.origin + path;
  const urls: Record<string, string> = {
    dependencies: url(r.dependencies),
    openApiMetadata: url(r.metadata),
    oauth: url(r.oauth),
  };
  if (!profile.apiMode) urls.oauthTokenIntrospection = url(r.tokenInfo); // added with the 7.x shape
  urls.dataManagementApi = url(r.data);
  urls.xsdMetadata = url(r.xsd);
  // The root lists change queries from 6.0 on, the release that also added /keyChanges.
  if (profile.keyChanges) urls.changeQueries = url(r.changeQueries);

  const version = profile.dataModels[o.dataStandard];
  const build = [...profile.informationalVersion.split("."), "0", "0", "0"].slice(0, 4).join(".");
  const common = { informationalVersion: profile.informationalVersion, suite: "3", build };
  const head = profile.apiMode
    ? { version: profile.version, ...common, apiMode: o.mode === "shared" ? "Shared Instance" : "Year Specific" }
    : { version: profile.version, applicationName: "Ed-Fi Alliance ODS/API", ...common };
  return {
    ...head,
    dataModels: [{ name: "Ed-Fi", version, informationalVersion: `The Ed-Fi Data Model ${version}` }],
    urls,
  };
}

// ---------------------------------------------------------------------------------------------------
// OpenAPI documents: Swagger 2.0 (5.x/6.x) or OpenAPI 3.0 (7.x), one per section.

interface Param {
  name: string;
  in: "query" | "path";
  description: string;
  required: boolean;
  schema: Json;
}

const INT32 = { type: "integer", format: "int32" };
const INT64 = { type: "integer", format: "int64" };

function parameters(profile: Profile): Record<string, Param> {
  const query = (name: string, description: string, schema: Json): Param => ({ name, in: "query", description, required: false, schema });
  const limit = { ...INT32, minimum: 0, maximum: profile.maxLimit };
  const params: Record<string, Param> = {
    offset: query("offset", "Indicates how many items should be skipped before returning results.", { ...INT32, minimum: 0, default: 0 }),
    limit: query("limit", "Indicates the maximum number of items that should be returned in the results.", { ...limit, default: profile.defaultLimit }),
    minChangeVersion: query("minChangeVersion", "Used in synchronization to set sequence minimum ChangeVersion", INT64),
    maxChangeVersion: query("maxChangeVersion", "Used in synchronization to set sequence maximum ChangeVersion", INT64),
    totalCount: query(
      "totalCount",
      "Indicates if the total number of items available should be returned in the 'Total-Count' header of the response.",
      { type: "boolean", default: false },
    ),
    id: {
      name: "id",
      in: "path",
      description: "A resource identifier that uniquely identifies the resource.",
      required: true,
      schema: { type: "string" },
    },
  };
  if (profile.cursorPaging) {
    params.pageToken = query("pageToken", "The token of the page to retrieve, from /partitions or the Next-Page-Token header.", { type: "string" });
    params.pageSize = query("pageSize", "The maximum number of items to retrieve in the page (used with pageToken).", limit);
    params.number = query("number", "The number of partitions (page tokens) to return.", { ...INT32, minimum: 1, maximum: 200 });
  }
  return params;
}

const OFFSET_PAGING = ["offset", "limit", "minChangeVersion", "maxChangeVersion", "totalCount"];

function openApiDocument(o: DiscoveryOptions, r: Routes, section: Section): Json {
  const { profile, dataStandard: ds } = o;
  const v3 = profile.openApi === "openapi3";
  const ref = (kind: "schemas" | "parameters", name: string) => ({
    $ref: v3 ? `#/components/${kind}/${name}` : `#/${kind === "schemas" ? "definitions" : "parameters"}/${name}`,
  });
  // Swagger 2 puts a parameter's type at the top level and a response schema beside its description.
  const param = ({ schema, ...p }: Param): Json => (v3 ? { ...p, schema } : { ...p, ...schema });
  const ok = (description: string, schema: Json): Json =>
    v3 ? { description, content: { "application/json": { schema } } } : { description, schema };
  const list = (name: string) => ({ type: "array", items: ref("schemas", name) });
  const get = (operationId: string, tag: string, params: string[], response: Json): Json => ({
    get: {
      tags: [tag],
      operationId,
      parameters: params.map((name) => ref("parameters", name)),
      responses: {
        200: ok("The requested resource was successfully retrieved.", response),
        401: { description: "Unauthorized. The request requires authentication." },
        404: { description: "Not Found. The resource could not be found." },
      },
    },
  });

  const entries = resourcesFor(ds).filter((e) => e.descriptor === (section === "descriptors"));
  const paths: Json = {};
  const schemas: Json = trackedChangeSchemas(profile);
  for (const entry of entries) {
    const path = entry.paths[ds]!;
    const name = definitionName(path);
    const op = path[0].toUpperCase() + path.slice(1);
    const base = `/ed-fi/${path}`;
    const add = (suffix: string, operationId: string, params: string[], response: Json) => {
      paths[base + suffix] = get(operationId, path, params, response);
    };
    schemas[name] = resourceSchema(entry, ds, profile);
    add("", `get${op}`, profile.cursorPaging ? [...OFFSET_PAGING, "pageToken", "pageSize"] : OFFSET_PAGING, list(name));
    add("/{id}", `get${op}ById`, ["id"], ref("schemas", name));
    // /deletes and /keyChanges page by offset only (no cursor paging, API-NOTES §3.2).
    if (entry.deletes) add("/deletes", `deletes${op}`, OFFSET_PAGING, list("trackedChanges_deletedResource"));
    if (profile.keyChanges) add("/keyChanges", `keyChanges${op}`, OFFSET_PAGING, list("trackedChanges_keyChange"));
    if (profile.cursorPaging) {
      add("/partitions", `partitions${op}`, ["number", "minChangeVersion", "maxChangeVersion"], ref("schemas", "partitions"));
    }
  }

  const params = Object.fromEntries(Object.entries(parameters(profile)).map(([name, p]) => [name, param(p)]));
  const tokenUrl = o.origin + r.oauth;
  const info = { title: "Ed-Fi Operational Data Store API", version: "3", description: `The Ed-Fi ODS/API ${title(section)}.` };
  const security = [{ oauth2_client_credentials: [] }];
  const tags = entries.map((e) => ({
    name: e.paths[ds]!,
    description: `The ${e.paths[ds]} ${e.descriptor ? "descriptor" : "resource"}.`,
  }));
  const authDescription = "Ed-Fi ODS/API OAuth 2.0 Client Credentials Grant Type authorization";

  if (v3) {
    return {
      openapi: "3.0.1",
      info,
      servers: [server(o)],
      paths,
      components: {
        schemas,
        parameters: params,
        securitySchemes: {
          oauth2_client_credentials: {
            type: "oauth2",
            description: authDescription,
            flows: { clientCredentials: { tokenUrl, scopes: {} } },
          },
        },
      },
      security,
      tags,
    };
  }
  const origin = new URL(o.origin);
  return {
    swagger: "2.0",
    info,
    host: origin.host,
    basePath: r.data, // as ODS renders %BASE_PATH%: "/data/v3/" shared, "/data/v3/2024" year-specific
    schemes: [origin.protocol.replace(":", "")],
    consumes: ["application/json"],
    produces: ["application/json"],
    paths,
    definitions: schemas,
    parameters: params,
    securityDefinitions: {
      oauth2_client_credentials: { type: "oauth2", description: authDescription, flow: "application", tokenUrl },
    },
    security,
    tags,
  };
}

/** 7.x server entry: with a route context the URL carries a variable listing every context (real default: the first; here the one asked). */
function server(o: DiscoveryOptions): Json {
  if (o.context === null) return { url: `${o.origin}/data/v3` };
  return {
    url: `${o.origin}/{${CONTEXT_VARIABLE}}/data/v3`,
    variables: { [CONTEXT_VARIABLE]: { default: o.context, enum: o.years.map(String), description: CONTEXT_VARIABLE } },
  };
}

function trackedChangeSchemas(profile: Profile): Json {
  const object = (properties: Json) => ({ type: "object", properties });
  const keyValues = { type: "object", additionalProperties: true };
  return {
    // 5.x serializes deletes as {Id, ChangeVersion} without key values.
    trackedChanges_deletedResource: profile.pascalCaseChangeQueries
      ? object({ Id: { type: "string" }, ChangeVersion: INT64 })
      : object({ id: { type: "string" }, changeVersion: INT64, keyValues }),
    trackedChanges_keyChange: object({ id: { type: "string" }, changeVersion: INT64, oldKeyValues: keyValues, newKeyValues: keyValues }),
    partitions: object({ pageTokens: { type: "array", items: { type: "string" } } }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Resource schemas: the natural key (required, `x-Ed-Fi-isIdentity` as ODS marks it, which EAC reads for
// identity_fields), references as nested objects, plus id and the item metadata.

/** ODS definition names: `edFi_` + the singular resource name (EAC looks them up by namespace and singular name). */
export function definitionName(path: string): string {
  return `edFi_${singular(path)}`;
}

function singular(path: string): string {
  return path.replace(/ies$/, "y").replace(/s$/, "");
}

function fieldSchema(field: string, ds: DataStandard): Json {
  if (field.endsWith("Descriptor")) return { type: "string", maxLength: 306 };
  if (field === "schoolYear" || field === "periodSequence") return { ...INT32 };
  // Education organization ids widen from INT to BIGINT in DS 5 (API-NOTES §6).
  if (/[a-z]Id$/.test(field) && !field.endsWith("UniqueId")) return ds === 5 ? { ...INT64 } : { ...INT32 };
  if (/(^d|D)ate$/.test(field)) return { type: "string", format: "date" };
  return { type: "string" };
}

type Role = "key" | "required" | "optional";

/** Adds a dotted JSON path to an object schema, creating nested reference objects on the way. */
function addPath(schema: Json, path: string, ds: DataStandard, role: Role): void {
  const [head, ...rest] = path.split(".");
  const properties = schema.properties as Record<string, Json>;
  const property = (properties[head] ??= rest.length ? { type: "object", properties: {} } : fieldSchema(head, ds));
  if (role === "key") property["x-Ed-Fi-isIdentity"] = true;
  if (role !== "optional") {
    const required = (schema.required ??= []) as string[];
    if (!required.includes(head)) required.push(head);
  }
  if (rest.length) addPath(property, rest.join("."), ds, role);
}

function resourceSchema(entry: CatalogEntry, ds: DataStandard, profile: Profile): Json {
  const schema: Json = { type: "object", properties: { id: { type: "string", description: "The resource identifier." } } };
  for (const path of naturalKey(entry, ds)) addPath(schema, path, ds, "key");
  if (entry.schoolYear) addPath(schema, entry.schoolYear, ds, "optional");
  if (entry.descriptor) {
    addPath(schema, "shortDescription", ds, "required");
    addPath(schema, "description", ds, "optional");
  }
  const properties = schema.properties as Json;
  properties._etag = { type: "string", description: "A unique system-generated value that identifies the version of the resource." };
  if (profile.lastModifiedDate) properties._lastModifiedDate = { type: "string", format: "date-time" };
  return schema;
}

// ---------------------------------------------------------------------------------------------------
// Dependencies: load order derived from the references in each natural key, plus the education
// organization hierarchy (non-key references). Descriptors come first, as in ODS.

const EDUCATION_ORGANIZATIONS = ["stateEducationAgencies", "educationServiceCenters", "localEducationAgencies", "schools"];
const EXTRA_DEPENDENCIES: Record<string, string[]> = {
  educationServiceCenters: ["stateEducationAgencies"],
  localEducationAgencies: ["stateEducationAgencies", "educationServiceCenters"],
  schools: ["localEducationAgencies"],
};

function dependencies(ds: DataStandard): Json[] {
  const entries = resourcesFor(ds);
  const bySingular = new Map(entries.map((e) => [singular(e.paths[ds]!).toLowerCase(), e]));
  const byResource = (names: string[]) => entries.filter((e) => names.includes(e.resource));
  // A reference or descriptor name, possibly role-named ("feederSchool"), to the entry it points at.
  const target = (name: string): CatalogEntry[] => {
    const lower = name.toLowerCase();
    if (lower === "educationorganization") return byResource(EDUCATION_ORGANIZATIONS);
    const match = [...bySingular.keys()].filter((s) => lower.endsWith(s)).sort((a, b) => b.length - a.length)[0];
    return match ? [bySingular.get(match)!] : [];
  };
  const referenced = (part: string): CatalogEntry[] => {
    if (part.endsWith("Reference")) return target(part.slice(0, -"Reference".length));
    return part.endsWith("Descriptor") ? target(part) : [];
  };
  const dependsOn = (entry: CatalogEntry): CatalogEntry[] => [
    ...naturalKey(entry, ds).flatMap((path) => path.split(".").flatMap(referenced)),
    ...byResource(EXTRA_DEPENDENCIES[entry.resource] ?? []),
  ];

  const orders = new Map<CatalogEntry, number>();
  const order = (entry: CatalogEntry, seen: CatalogEntry[] = []): number => {
    const known = orders.get(entry);
    if (known !== undefined) return known;
    if (seen.includes(entry)) throw new Error(`dependency cycle through ${entry.resource}`);
    // Every resource carries descriptors, so non-descriptors start at 2.
    const dependencyOrders = dependsOn(entry)
      .filter((d) => d !== entry)
      .map((d) => order(d, [...seen, entry]));
    const value = entry.descriptor ? 1 : 1 + Math.max(1, ...dependencyOrders);
    orders.set(entry, value);
    return value;
  };
  return entries
    .map((e) => ({ resource: `/ed-fi/${e.paths[ds]}`, order: order(e), operations: ["Create", "Update"] }))
    .sort((a, b) => a.order - b.order || a.resource.localeCompare(b.resource));
}

function title(section: Section): string {
  return section[0].toUpperCase() + section.slice(1);
}
