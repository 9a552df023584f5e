// The Ed-Fi ODS/API simulator: a deterministic synthetic district served over HTTP with the routes,
// paging, change queries, snapshots, auth and error shapes of the chosen ODS/API version, plus seeded
// faults. `startSimulator` is the programmatic API used by tests, benchmarks and the demo.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { entryByPath, type CatalogEntry, type DataStandard } from "../lib/catalog.js";
import { TokenIssuer } from "./auth.js";
import { discoveryDocuments } from "./discovery.js";
import { parseFaults, type Faults } from "./faults.js";
import { delay, HttpError, notFound, send, sendError, sendJson } from "./http.js";
import { changeKinds, Instance, type MutationCounts } from "./instance.js";
import { PROFILES, type ApiVersion, type Profile } from "./profile.js";
import { pick, stringHash } from "./random.js";
import * as read from "./resources.js";

export type Mode = "year-specific" | "shared";

export interface SimulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  students: number;
  seed: number;
  years: number[];
  mode: Mode;
  apiVersion: ApiVersion;
  /** Defaults to the version's usual standard (DS 5 on 7.3, DS 4 before). */
  dataStandard?: DataStandard;
  clientId: string;
  clientSecret: string;
  latencyMs: number;
  tokenTtl: number;
  faults?: string;
  /** Whether the district keeps change-query snapshots (Use-Snapshot / Snapshot-Identifier). */
  snapshots: boolean;
  /** Whether the API serves change queries (availableChangeVersions, /deletes, /keyChanges, snapshots): an ODS may turn them off. */
  changeQueries: boolean;
}

export const DEFAULT_OPTIONS: SimulatorOptions = {
  host: "127.0.0.1",
  port: 0,
  students: 1000,
  seed: 1,
  years: [2025],
  mode: "shared",
  apiVersion: "7.3",
  clientId: "edfi-sim-key",
  clientSecret: "edfi-sim-secret",
  latencyMs: 0,
  tokenTtl: 1800,
  snapshots: true,
  changeQueries: true,
};

export interface Stats {
  requests: number;
  /** Counts by route label (`GET students`, `POST token`, …) and status code. */
  byRoute: Record<string, Record<string, number>>;
  records: number;
  faults: Record<string, number>;
  tokensIssued: number;
}

export interface Simulator {
  readonly url: string;
  readonly options: SimulatorOptions;
  readonly profile: Profile;
  readonly dataStandard: DataStandard;
  /** The instance serving a school year (YearSpecific) or the shared instance. */
  instance(year?: number): Instance;
  readonly instances: ReadonlyMap<string | null, Instance>;
  stats(): Stats;
  /** Replace the fault spec (undefined: no faults), e.g. to let the district stop writing. */
  setFaults(spec: string | undefined): void;
  /** Apply a seeded batch of changes to every instance (or one year's). */
  mutate(fraction?: number, year?: number): Record<string, Record<string, MutationCounts>>;
  stop(): Promise<void>;
}

/** Route shapes: 7.x puts the context before everything; 5.x/6.x put it after /data/v3 and /changeQueries/v1. */
function parseRoute(profile: Profile, path: string): { context: string | null; kind: string; rest: string } | undefined {
  const m = profile.contextBeforeData
    ? /^(?:\/(\d{4}))?\/(data\/v3\/ed-fi|oauth\/token|changeQueries\/v1)(\/.*)?$/.exec(path)
    : /^\/(data\/v3|changeQueries\/v1)(?:\/(\d{4}))?(\/.*)$/.exec(path) ?? /^()\/(oauth\/token)()$/.exec(path);
  if (!m) return undefined;
  if (profile.contextBeforeData) return { context: m[1] ?? null, kind: m[2], rest: m[3] ?? "" };
  if (m[2] === "oauth/token") return { context: null, kind: "oauth/token", rest: "" };
  if (m[1] === "data/v3") {
    if (!m[3].startsWith("/ed-fi/")) return undefined;
    return { context: m[2] ?? null, kind: "data/v3/ed-fi", rest: m[3].slice("/ed-fi".length) };
  }
  return { context: m[2] ?? null, kind: m[1], rest: m[3] };
}

export async function startSimulator(overrides: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const options: SimulatorOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const profile = PROFILES[options.apiVersion];
  if (!profile) throw new Error(`unknown API version ${options.apiVersion}; use one of ${Object.keys(PROFILES).join(", ")}`);
  const dataStandard = options.dataStandard ?? profile.defaultDataStandard;
  if (!profile.dataModels[dataStandard]) {
    throw new Error(`ODS/API ${profile.version} does not run data standard ${dataStandard}; it runs ${Object.keys(profile.dataModels).join(", ")}`);
  }
  if (options.years.length === 0) throw new Error("at least one school year is required");
  let faults: Faults = parseFaults(options.faults, options.seed);

  const instances = new Map<string | null, Instance>();
  const common = { seed: options.seed, students: options.students, dataStandard, snapshots: options.snapshots && options.changeQueries };
  if (options.mode === "shared") instances.set(null, new Instance({ ...common, years: options.years, context: null }));
  else for (const year of options.years) instances.set(String(year), new Instance({ ...common, years: [year], context: String(year) }));

  const tokens = new TokenIssuer(profile, options.clientId, options.clientSecret, options.tokenTtl);
  const stats: Stats = { requests: 0, byRoute: {}, records: 0, faults: {}, tokensIssued: 0 };
  /** Route label of each request for the stats, set as soon as the handler knows it. */
  const labels = new WeakMap<IncomingMessage, string>();
  let dataRequests = 0;
  let documents = new Map<string, unknown>();

  const count = (label: string, status: number) => {
    const route = (stats.byRoute[label] ??= {});
    route[status] = (route[status] ?? 0) + 1;
  };

  function instanceFor(context: string | null): Instance {
    const instance = instances.get(context);
    if (!instance) {
      const valid = [...instances.keys()].map((k) => k ?? "(none)").join(", ");
      throw notFound(`No ODS instance for route context '${context ?? ""}'; this API serves ${valid}.`);
    }
    return instance;
  }

  /** The change version a read sees: a snapshot's when the client asks for one, else the newest. */
  function snapshotFor(req: IncomingMessage, instance: Instance): { snapshot: number; pinned: boolean } {
    if (profile.snapshotHeader === "Use-Snapshot") {
      if ((req.headers["use-snapshot"] ?? "").toString().toLowerCase() !== "true") return { snapshot: instance.newestChangeVersion, pinned: false };
      const latest = instance.latestSnapshot;
      if (!latest) throw notFound("Snapshot not found.");
      return { snapshot: latest.changeVersion, pinned: true };
    }
    const identifier = req.headers["snapshot-identifier"];
    if (identifier === undefined) return { snapshot: instance.newestChangeVersion, pinned: false };
    const found = instance.snapshots.find((s) => s.snapshotIdentifier === identifier);
    if (!found) throw new HttpError(410, "gone", "Gone", "Snapshot not available.");
    return { snapshot: found.changeVersion, pinned: true };
  }

  /** Concurrent writes (fault): a few changes to this resource just before the page is read. */
  function concurrentWrites(instance: Instance, entry: CatalogEntry, key: string): void {
    const store = instance.stores.get(entry.resource);
    if (!store) return;
    const counts: MutationCounts = { updated: 0, inserted: 0, deleted: 0, keyChanged: 0, reinserted: 0 };
    const salt = stringHash(key);
    const kinds = changeKinds(store);
    for (let j = 0; j < 3; j++) instance.change(store, counts, pick(kinds, options.seed, salt, dataRequests, j), salt, dataRequests, j);
    stats.faults.writes = (stats.faults.writes ?? 0) + 1;
  }

  async function handleData(req: IncomingMessage, res: ServerResponse, instance: Instance, rest: string, query: URLSearchParams): Promise<void> {
    const [, path, sub] = /^\/([A-Za-z]+)(?:\/([A-Za-z0-9]+))?\/?$/.exec(rest) ?? [];
    const entry = path ? entryByPath(path, dataStandard) : undefined;
    const store = entry && instance.storeFor(entry);
    const changeLog = sub === "deletes" || sub === "keyChanges";
    if (!entry || !store || (!options.changeQueries && changeLog)) throw notFound();
    labels.set(req, `${req.method} ${path}${sub && ["deletes", "keyChanges", "partitions"].includes(sub) ? "/" + sub : sub ? "/{id}" : ""}`);
    if (req.method !== "GET") throw new HttpError(405, "method-not-allowed", "Method Not Allowed", "The simulator is read-only.", [], { Allow: "GET" });
    tokens.authorize(req);
    if (faults.forbidden.has(path) || (changeLog && faults.forbiddenChanges.has(path))) {
      const action = faults.forbidden.has(path) ? "Read" : "ReadChanges";
      throw new HttpError(403, "security:authorization:access-denied:resource", "Authorization Denied", `Access to the requested data could not be authorized. The API client's assigned claim set does not grant the '${action}' action on this resource.`);
    }

    dataRequests++;
    if (faults.revokeEvery && dataRequests % faults.revokeEvery === 0) {
      tokens.revokeAll();
      stats.faults.revoke = (stats.faults.revoke ?? 0) + 1;
    }
    const requestKey = `${instance.options.context}|${req.url}`;
    const fault = faults.decide(requestKey);
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    if (fault === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault === "slow") await delay(faults.slowMs);
    if (fault && /^\d+$/.test(fault)) {
      const status = Number(fault);
      const retry: Record<string, string> = status === 429 ? { "Retry-After": String(faults.retryAfter) } : {};
      throw new HttpError(status, status === 429 ? "too-many-requests" : "system", "Simulated fault", "The server is temporarily unable to handle the request.", [], retry);
    }

    const { snapshot, pinned } = snapshotFor(req, instance);
    // The district keeps writing whether or not this client reads from a snapshot.
    if (sub === undefined && faults.writesBefore(requestKey)) concurrentWrites(instance, entry, requestKey);
    const ctx = { profile, instance, store, snapshot: pinned ? snapshot : instance.newestChangeVersion, query };
    const reply =
      sub === "deletes" ? read.deletes(ctx)
      : sub === "keyChanges" ? read.keyChanges(ctx)
      : sub === "partitions" && profile.cursorPaging ? read.partitions(ctx)
      : sub !== undefined ? read.item(ctx, sub)
      : read.list(ctx);
    let body = reply.body;
    if (sub === undefined && faults.malformed?.resource === path && reply.records > 0) {
      const set = store.query(ctx.snapshot);
      const target = set.positionAt(faults.malformed.rank ?? Math.floor(set.size / 2));
      if (target !== undefined && body.includes(`"id":"${store.idFor(target)}"`)) {
        body = body.subarray(0, Math.floor(body.length / 2));
        stats.faults.malformed = (stats.faults.malformed ?? 0) + 1;
      }
    }
    stats.records += reply.records;
    if (options.latencyMs > 0) await delay(options.latencyMs);
    send(res, 200, body, { "Content-Type": "application/json; charset=utf-8", ...reply.headers });
  }

  function handleChangeQueries(req: IncomingMessage, res: ServerResponse, instance: Instance, rest: string): void {
    labels.set(req, `${req.method} changeQueries${rest}`);
    if (!options.changeQueries) throw notFound();
    tokens.authorize(req);
    if (rest === "/availableChangeVersions") {
      sendJson(res, 200, read.availableChangeVersions(profile, snapshotFor(req, instance).snapshot));
    } else if (rest === "/snapshots" && profile.snapshotHeader === "Snapshot-Identifier") {
      sendJson(res, 200, instance.snapshots.map(({ id, snapshotIdentifier, snapshotDateTime }) => ({ id, snapshotIdentifier, snapshotDateTime })));
    } else {
      throw notFound();
    }
  }

  function mutate(fraction?: number, year?: number) {
    const summary: Record<string, Record<string, MutationCounts>> = {};
    for (const [context, instance] of instances) {
      if (year === undefined || context === String(year)) summary[context ?? "shared"] = instance.mutate(fraction);
    }
    return summary;
  }

  function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    labels.set(req, `${req.method} ${path.slice(1)}`);
    if (path === "/admin/stats" && req.method === "GET") {
      sendJson(res, 200, { ...stats, tokensIssued: tokens.issued });
      return;
    }
    if (path === "/admin/mutate" && req.method === "POST") {
      const fraction = query.has("fraction") ? Number(query.get("fraction")) : undefined;
      const year = query.has("year") ? Number(query.get("year")) : undefined;
      if (fraction !== undefined && !(fraction > 0 && fraction <= 1)) throw new HttpError(400, "bad-request", "Bad Request", "fraction must be in (0, 1].");
      sendJson(res, 200, mutate(fraction, year));
      return;
    }
    throw notFound();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const path = url.pathname;
    if (path.startsWith("/admin/")) return handleAdmin(req, res, path, url.searchParams);
    const document = documents.get(path) ?? documents.get(path.endsWith("/") ? path.slice(0, -1) : path + "/");
    if (document !== undefined && req.method === "GET") {
      labels.set(req, "GET discovery");
      sendJson(res, 200, document);
      return;
    }
    const route = parseRoute(profile, path);
    if (!route) throw notFound();
    if (route.kind === "oauth/token") {
      labels.set(req, `${req.method} oauth/token`);
      await tokens.handleTokenRequest(req, res);
      return;
    }
    const instance = instanceFor(route.context);
    if (route.kind === "changeQueries/v1") return handleChangeQueries(req, res, instance, route.rest);
    return handleData(req, res, instance, route.rest, url.searchParams);
  }

  const server = createServer((req, res) => {
    stats.requests++;
    // A destroyed socket (reset fault) never finishes; count it under its own status.
    res.on("close", () => count(labels.get(req) ?? `${req.method} unknown`, res.writableFinished ? res.statusCode : 0));
    handle(req, res).catch((error: unknown) => {
      if (!(error instanceof HttpError)) console.error(error);
      const httpError = error instanceof HttpError ? error : new HttpError(500, "system", "Internal Server Error", "An unexpected error occurred on the server.");
      if (!res.headersSent) sendError(res, profile, httpError);
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host}:${address.port}`;
  const discovery = (context: string | null) =>
    discoveryDocuments({ profile, dataStandard, origin: url, context, mode: options.mode, years: options.years });
  documents = discovery(null);
  if (options.mode === "year-specific") for (const context of instances.keys()) for (const [k, v] of discovery(context)) documents.set(k, v);

  return {
    url,
    options,
    profile,
    dataStandard,
    instances,
    instance(year?: number) {
      return instanceFor(options.mode === "shared" ? null : String(year ?? options.years[0]));
    },
    stats: () => ({ ...stats, tokensIssued: tokens.issued }),
    setFaults(spec) {
      faults = parseFaults(spec, options.seed);
    },
    mutate,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
