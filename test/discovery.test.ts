import { CONTEXT_PLACEHOLDER, definitionName, discoveryDocuments, type DiscoveryOptions } from "../simulator/discovery.js";
import { API_VERSIONS, PROFILES, type Profile } from "../simulator/profile.js";
import { naturalKey, resourcesFor, type DataStandard } from "../lib/catalog.js";

const ORIGIN = "http://127.0.0.1:8765";
const YEARS = [2024, 2025] as const;
type Mode = DiscoveryOptions["mode"];
type Json = Record<string, any>;

const options = (profile: Profile, dataStandard: DataStandard, mode: Mode, context: string | null): DiscoveryOptions => ({
  profile,
  dataStandard,
  origin: ORIGIN,
  context,
  mode,
  years: YEARS,
});

/** Every context the server asks for: null (the plain root, or the whole shared instance), then each year. */
function contexts(mode: Mode): (string | null)[] {
  return mode === "shared" ? [null] : [null, ...YEARS.map(String)];
}

/** All documents of one simulated instance, as the server would merge them. */
function instance(profile: Profile, ds: DataStandard, mode: Mode): Map<string, unknown> {
  const all = new Map<string, unknown>();
  for (const context of contexts(mode)) {
    for (const [path, doc] of discoveryDocuments(options(profile, ds, mode, context))) {
      expect(all.has(path)).toBe(false); // contexts never collide
      all.set(path, doc);
    }
  }
  return all;
}

const pathOf = (url: string) => {
  expect(url.startsWith(ORIGIN + "/")).toBe(true);
  return url.slice(ORIGIN.length);
};

const cases = API_VERSIONS.flatMap((version) => {
  const profile = PROFILES[version];
  return (Object.keys(profile.dataModels).map(Number) as DataStandard[]).flatMap((ds) =>
    (["shared", "year-specific"] as const).map((mode) => ({ name: `${version} DS${ds} ${mode}`, profile, ds, mode })),
  );
});

/** The root documents of an instance: the plain one and (7.x) one per context, with the context they describe. */
function roots(profile: Profile, ds: DataStandard, mode: Mode): { context: string | null; doc: Json }[] {
  const docs = instance(profile, ds, mode);
  const found = contexts(mode).map((context) => ({ context, doc: docs.get(context === null ? "/" : `/${context}/`) as Json | undefined }));
  return found.filter((r): r is { context: string | null; doc: Json } => r.doc !== undefined);
}

/** The layout the server routes (the brief), written out independently of the implementation. */
function expectedUrls(profile: Profile, context: string | null) {
  const before = profile.contextBeforeData && context ? `/${context}` : "";
  const after = !profile.contextBeforeData && context ? `/${context}` : "";
  return {
    oauth: `${ORIGIN}${before}/oauth/token`,
    oauthTokenIntrospection: `${ORIGIN}${before}/oauth/token_info`,
    dataManagementApi: after ? `${ORIGIN}/data/v3${after}` : `${ORIGIN}${before}/data/v3/`,
    changeQueries: after ? `${ORIGIN}/changeQueries/v1${after}` : `${ORIGIN}${before}/changeQueries/v1/`,
  };
}

/** The context a root document's URLs describe: at the plain root 7.x writes a placeholder and 5.x/6.x the latest year. */
function urlContext(profile: Profile, mode: Mode, context: string | null): string | null {
  if (context !== null || mode === "shared") return context;
  return profile.contextBeforeData ? "2024" : String(Math.max(...YEARS));
}

/** A document's parameters with $refs resolved (Swagger 2 `parameters`, OpenAPI 3 `components.parameters`). */
function parameterNames(doc: Json, operation: Json): string[] {
  const table = doc.swagger ? doc.parameters : doc.components.parameters;
  return operation.parameters.map((p: Json) => table[p.$ref.split("/").pop()].name);
}

const schemasOf = (doc: Json): Json => (doc.swagger ? doc.definitions : doc.components.schemas);

/** EAC `_recurse_definition_schema`: identity fields via `x-Ed-Fi-isIdentity`, parents included. */
function identityFields(schema: Json, parent?: string, out = new Set<string>()): Set<string> {
  for (const [field, meta] of Object.entries<Json>(schema.properties ?? {})) {
    const full = parent ? `${parent}.${field}` : field;
    if (meta["x-Ed-Fi-isIdentity"]) [parent, full].forEach((f) => f && out.add(f));
    identityFields(meta, full, out);
  }
  return out;
}

describe.each(cases)("$name", ({ profile, ds, mode }) => {
  const docs = instance(profile, ds, mode);

  test("root document has this version's shape", () => {
    const found = roots(profile, ds, mode);
    expect(found.length).toBe(mode === "year-specific" && profile.contextBeforeData ? 1 + YEARS.length : 1);
    for (const { doc } of found) {
      expect(doc.version).toBe(profile.version);
      expect(doc.informationalVersion).toBe(profile.informationalVersion);
      expect(doc.suite).toBe("3");
      expect(doc.dataModels).toEqual([expect.objectContaining({ name: "Ed-Fi", version: profile.dataModels[ds] })]);
      if (profile.apiMode) {
        expect(doc.apiMode).toBe(mode === "shared" ? "Shared Instance" : "Year Specific");
        expect(doc).not.toHaveProperty("applicationName");
      } else {
        expect(doc.applicationName).toBe("Ed-Fi Alliance ODS/API");
        expect(doc).not.toHaveProperty("apiMode");
      }
      const keys = ["dependencies", "openApiMetadata", "oauth", "dataManagementApi", "xsdMetadata"];
      if (!profile.apiMode) keys.push("oauthTokenIntrospection");
      if (profile.keyChanges) keys.push("changeQueries");
      expect(Object.keys(doc.urls).sort()).toEqual(keys.sort());
    }
  });

  test("every root URL is served here or is a data/oauth/changeQueries URL of the layout", () => {
    for (const { context, doc } of roots(profile, ds, mode)) {
      for (const [name, url] of Object.entries<string>(doc.urls)) {
        const concrete = url.replace(CONTEXT_PLACEHOLDER, "2024");
        const layout: Record<string, string> = expectedUrls(profile, urlContext(profile, mode, context));
        if (name in layout) expect(concrete).toBe(layout[name]);
        else expect(docs.has(pathOf(concrete))).toBe(true);
      }
    }
  });

  test("the metadata index points at the Descriptors and Resources documents", () => {
    for (const { context, doc } of roots(profile, ds, mode)) {
      const expected = expectedUrls(profile, urlContext(profile, mode, context));
      const index = docs.get(pathOf(doc.urls.openApiMetadata.replace(CONTEXT_PLACEHOLDER, "2024"))) as Json[];
      expect(index.map((s) => [s.name, s.prefix])).toEqual([["Descriptors", ""], ["Resources", ""]]);
      for (const section of index) {
        const document = docs.get(pathOf(section.endpointUri)) as Json;
        expect(document).toBeDefined();
        if (profile.openApi === "swagger2") {
          expect(document.swagger).toBe("2.0");
          expect(document.basePath).toBe(expected.dataManagementApi.slice(ORIGIN.length));
          expect(document.securityDefinitions.oauth2_client_credentials.tokenUrl).toBe(expected.oauth);
        } else {
          expect(document.openapi).toBe("3.0.1");
          expect(document.components.securitySchemes.oauth2_client_credentials.flows.clientCredentials.tokenUrl).toBe(expected.oauth);
          const server = document.servers[0];
          const variables = Object.entries<Json>(server.variables ?? {});
          const url = variables.reduce((u, [name, v]) => u.replace(`{${name}}`, v.default), server.url);
          expect(url + "/").toBe(expected.dataManagementApi);
          if (mode === "year-specific") expect(variables[0][1].enum).toEqual(YEARS.map(String));
        }
      }
    }
  });

  test("every catalog resource is in the right document with its paths", () => {
    const indexes = [...docs.values()].filter((d): d is Json[] => Array.isArray(d) && d[0]?.endpointUri !== undefined);
    expect(indexes.length).toBeGreaterThan(0);
    for (const index of indexes) {
      const [descriptors, resources] = index.map((s) => docs.get(pathOf(s.endpointUri)) as Json);
      for (const entry of resourcesFor(ds)) {
        const doc = entry.descriptor ? descriptors : resources;
        const other = entry.descriptor ? resources : descriptors;
        const base = `/ed-fi/${entry.paths[ds]}`;
        expect(Object.keys(other.paths)).not.toContain(base);
        const suffixes = ["", "/{id}", "/deletes", ...(profile.keyChanges ? ["/keyChanges"] : []), ...(profile.cursorPaging ? ["/partitions"] : [])];
        expect(Object.keys(doc.paths).filter((p) => p === base || p.startsWith(base + "/")).sort()).toEqual(suffixes.map((s) => base + s).sort());
        const list = parameterNames(doc, doc.paths[base].get);
        expect(list).toEqual(expect.arrayContaining(["offset", "limit", "totalCount", "minChangeVersion", "maxChangeVersion"]));
        expect(list.includes("pageToken") && list.includes("pageSize")).toBe(profile.cursorPaging);
        expect(parameterNames(doc, doc.paths[`${base}/deletes`].get)).not.toContain("pageToken");
        const schema = schemasOf(doc)[definitionName(entry.paths[ds]!)];
        expect(schema.required).toEqual([...new Set(naturalKey(entry, ds).map((p) => p.split(".")[0]))].concat(entry.descriptor ? ["shortDescription"] : []));
        expect(doc.tags.map((t: Json) => t.name)).toContain(entry.paths[ds]);
      }
      for (const doc of [descriptors, resources]) {
        expect(Object.keys(doc.paths).every((p) => p.startsWith("/ed-fi/"))).toBe(true);
      }
    }
  });

  test("dependencies list every resource once, descriptors first, after what their keys reference", () => {
    const dependencies = [...docs.entries()].filter(([path]) => path.endsWith("/dependencies")).map(([, d]) => d as Json[]);
    expect(dependencies.length).toBe(mode === "shared" ? 1 : YEARS.length);
    const order = new Map(dependencies[0].map((d) => [d.resource, d.order]));
    expect([...order.keys()].sort()).toEqual(resourcesFor(ds).map((e) => `/ed-fi/${e.paths[ds]}`).sort());
    for (const entry of resourcesFor(ds)) {
      if (entry.descriptor) expect(order.get(`/ed-fi/${entry.paths[ds]}`)).toBe(1);
    }
    const before = (a: string, b: string) => expect(order.get(`/ed-fi/${a}`)).toBeLessThan(order.get(`/ed-fi/${b}`)!);
    before("localEducationAgencies", "schools");
    before("schools", "sessions");
    before("courseOfferings", "sections");
    before("studentSectionAssociations", "grades");
    before(ds === 4 ? "parents" : "contacts", ds === 4 ? "studentParentAssociations" : "studentContactAssociations");
    expect(dependencies[0][0].operations).toEqual(["Create", "Update"]);
  });

  test("output is deterministic", () => {
    const dump = () => JSON.stringify([...instance(profile, ds, mode)]);
    expect(dump()).toBe(dump());
  });
});

describe("clients", () => {
  test("EAC finds the swagger at {base_url}/metadata/data/v3/{component}/swagger.json and reads endpoints, deletes, identity", () => {
    // EAC's base_url: the API root, including the 7.x context segment.
    for (const [profile, ds, mode, base] of [
      [PROFILES["5.3"], 4, "shared", ""],
      [PROFILES["6.1"], 4, "shared", ""],
      [PROFILES["7.3"], 5, "shared", ""],
      [PROFILES["7.3"], 5, "year-specific", "/2024"],
    ] as const) {
      const docs = instance(profile, ds, mode);
      const swagger = docs.get(`${base}/metadata/data/v3/resources/swagger.json`) as Json;
      expect(docs.get(`${base}/metadata/data/v3/descriptors/swagger.json`)).toBeDefined();
      // get_endpoint_deletes: (namespace, name) -> has a /deletes path
      const deletes = new Map<string, boolean>();
      for (const path of Object.keys(swagger.paths)) {
        const [, namespace, name] = path.split("/");
        const key = `${namespace}/${name}`;
        deletes.set(key, (deletes.get(key) ?? false) || path.includes("/deletes"));
      }
      expect(deletes.get("ed-fi/studentSchoolAssociations")).toBe(true);
      // definition_id = camel(namespace) + "_" + singular(name), looked up case-insensitively
      const ssa = schemasOf(swagger).edFi_studentSchoolAssociation;
      expect([...identityFields(ssa)].sort()).toEqual(
        ["entryDate", "schoolReference", "schoolReference.schoolId", "studentReference", "studentReference.studentUniqueId"].sort(),
      );
      expect(swagger.tags.find((t: Json) => t.name === "studentSchoolAssociations").description).toEqual(expect.any(String));
    }
  });

  test("DS 4 serves parents, DS 5 contacts", () => {
    const resources = (ds: DataStandard) =>
      discoveryDocuments(options(PROFILES["7.3"], ds, "shared", null)).get("/metadata/data/v3/resources/swagger.json") as Json;
    const ds4 = resources(4);
    const ds5 = resources(5);
    expect(ds4.paths["/ed-fi/parents/deletes"]).toBeDefined();
    expect(ds4.paths["/ed-fi/studentParentAssociations"]).toBeDefined();
    expect(ds4.paths["/ed-fi/contacts"]).toBeUndefined();
    expect(ds5.paths["/ed-fi/contacts/deletes"]).toBeDefined();
    expect(ds5.paths["/ed-fi/studentContactAssociations"]).toBeDefined();
    expect(ds5.paths["/ed-fi/parents"]).toBeUndefined();
    expect(ds4.components.schemas.edFi_parent.required).toEqual(["parentUniqueId"]);
    expect(ds5.components.schemas.edFi_contact.required).toEqual(["contactUniqueId"]);
    expect(ds4.components.schemas.edFi_school.properties.schoolId.format).toBe("int32");
    expect(ds5.components.schemas.edFi_school.properties.schoolId.format).toBe("int64");
  });

  test("5.x /deletes items are PascalCase without key values", () => {
    const doc = discoveryDocuments(options(PROFILES["5.3"], 4, "shared", null)).get("/metadata/data/v3/resources/swagger.json") as Json;
    expect(Object.keys(doc.definitions.trackedChanges_deletedResource.properties)).toEqual(["Id", "ChangeVersion"]);
  });

  test("rejects a data standard the version cannot run and a context on a shared instance", () => {
    expect(() => discoveryDocuments(options(PROFILES["5.3"], 5, "shared", null))).toThrow(/data standard 5/);
    expect(() => discoveryDocuments(options(PROFILES["7.3"], 5, "shared", "2024"))).toThrow(/shared/);
  });

  test("route lists", () => {
    const keys = (version: "6.1" | "7.3", mode: Mode, context: string | null) =>
      [...discoveryDocuments(options(PROFILES[version], PROFILES[version].defaultDataStandard, mode, context)).keys()];
    expect(keys("6.1", "year-specific", null)).toEqual(["/"]);
    expect(keys("6.1", "year-specific", "2024")).toEqual([
      "/metadata/2024",
      "/metadata/2024/",
      "/metadata/data/v3/2024/descriptors/swagger.json",
      "/metadata/data/v3/2024/resources/swagger.json",
      "/metadata/data/v3/2024/dependencies",
      "/metadata/2024/xsd",
    ]);
    expect(keys("7.3", "year-specific", null)).toEqual(["/"]);
    expect(keys("7.3", "year-specific", "2024")).toEqual([
      "/2024/",
      "/2024",
      "/2024/metadata/",
      "/2024/metadata",
      "/2024/metadata/data/v3/descriptors/swagger.json",
      "/2024/metadata/data/v3/resources/swagger.json",
      "/2024/metadata/data/v3/dependencies",
      "/2024/metadata/xsd",
    ]);
    expect(keys("7.3", "shared", null)).toEqual([
      "/",
      "/metadata/",
      "/metadata",
      "/metadata/data/v3/descriptors/swagger.json",
      "/metadata/data/v3/resources/swagger.json",
      "/metadata/data/v3/dependencies",
      "/metadata/xsd",
    ]);
  });
});
