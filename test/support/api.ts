// A minimal client for tests: real HTTP over sockets against a running simulator.
import { startSimulator, type Simulator, type SimulatorOptions } from "../../simulator/server.js";

export interface Response {
  status: number;
  headers: Headers;
  text: string;
  json<T = any>(): T;
}

async function wrap(response: globalThis.Response): Promise<Response> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Base of a route family for the simulator's version and mode (what a client reads from the root document). */
export function routeBase(sim: Simulator, family: "data" | "changeQueries" | "oauth", year?: number): string {
  const context = sim.options.mode === "year-specific" ? `/${year ?? sim.options.years[0]}` : "";
  const tail = { data: "data/v3", changeQueries: "changeQueries/v1", oauth: "oauth/token" }[family];
  if (sim.profile.contextBeforeData) return `${sim.url}${context}/${tail}`;
  return family === "oauth" ? `${sim.url}/${tail}` : `${sim.url}/${tail}${context}`;
}

export async function requestToken(sim: Simulator, year?: number): Promise<string> {
  const basic = Buffer.from(`${sim.options.clientId}:${sim.options.clientSecret}`).toString("base64");
  const response = await fetch(routeBase(sim, "oauth", year), {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function get(url: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return wrap(await fetch(url, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } }));
}

export async function post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  return wrap(await fetch(url, { method: "POST", headers, body }));
}

/** A client bound to one simulator and year: `api.get("students?limit=5")`. */
export async function client(sim: Simulator, year?: number) {
  let token = await requestToken(sim, year);
  const data = `${routeBase(sim, "data", year)}/ed-fi/`;
  return {
    data,
    get token() {
      return token;
    },
    async refresh() {
      token = await requestToken(sim, year);
    },
    get: (pathAndQuery: string, headers: Record<string, string> = {}) => get(data + pathAndQuery, token, headers),
    changeQueries: (path: string, headers: Record<string, string> = {}) => get(`${routeBase(sim, "changeQueries", year)}/${path}`, token, headers),
  };
}

export type Client = Awaited<ReturnType<typeof client>>;

/** Every record id of a resource as the simulator holds it now (the truth a client's walk is compared with). */
export function currentIds(sim: Simulator, resource: string, year?: number): string[] {
  return [...sim.instance(year).current(resource)].map((r) => r.id);
}

/** Every item of a list (or /deletes) by offset paging until an empty page. */
export async function walkOffsets(api: Client, pathAndQuery: string, limit = 200, headers: Record<string, string> = {}): Promise<any[]> {
  const out: any[] = [];
  const sep = pathAndQuery.includes("?") ? "&" : "?";
  for (let offset = 0; ; offset += limit) {
    const page = await api.get(`${pathAndQuery}${sep}offset=${offset}&limit=${limit}`, headers);
    if (page.status !== 200) throw new Error(`GET ${pathAndQuery} at offset ${offset}: ${page.status} ${page.text}`);
    const items = page.json();
    if (items.length === 0) return out;
    out.push(...items);
  }
}

/** A simulator and a client for the tests of one describe block, started before and stopped after them. */
export function useSimulator(options: Partial<SimulatorOptions>): { readonly sim: Simulator; readonly api: Client } {
  const context = {} as { sim: Simulator; api: Client };
  beforeAll(async () => {
    context.sim = await startSimulator(options);
    context.api = await client(context.sim);
  });
  afterAll(() => context.sim.stop());
  return context;
}
