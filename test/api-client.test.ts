// The extractor's API client against the simulator over real HTTP: one shared token, refreshes, retries,
// Retry-After, clear errors and no secret in anything the client lets out.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { ApiClient, ApiError, AuthenticationError, redact, type ApiClientOptions, type RetryEvent } from "../extractor/api/client.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "../simulator/server.js";
import { currentIds, routeBase } from "./support/api.js";

const SECRET = "edfi-sim-secret";
/** Everything thrown or reported in this file, checked for secrets at the end. */
const leaks: string[] = [];

const sims: Simulator[] = [];
const clients: ApiClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(sims.map((sim) => sim.stop()));
});

async function simulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const sim = await startSimulator({ students: 20, ...options });
  sims.push(sim);
  return sim;
}

function clientFor(sim: Simulator, options: Partial<ApiClientOptions> = {}): { client: ApiClient; events: RetryEvent[]; data: string } {
  const events: RetryEvent[] = [];
  const client = new ApiClient({
    apiUrl: sim.url,
    tokenUrl: routeBase(sim, "oauth"),
    clientId: sim.options.clientId,
    clientSecret: sim.options.clientSecret,
    concurrency: 8,
    retryBaseMs: 2,
    retryMaxMs: 20,
    onRetry: (event) => {
      events.push(event);
      leaks.push(JSON.stringify(event));
    },
    ...options,
  });
  clients.push(client);
  return { client, events, data: `${routeBase(sim, "data")}/ed-fi/` };
}

/** The rejection of a promise that must fail, recorded for the leak check. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error("expected a failure"),
    (e: unknown) => e as Error,
  );
  leaks.push(String(error), error.stack ?? "", inspect(error, { depth: 10 }));
  return error;
}

const statuses = (sim: Simulator, route: string) => sim.stats().byRoute[route] ?? {};

describe("ApiClient", () => {
  test("40 concurrent requests share one token and get the bodies verbatim", async () => {
    const sim = await simulator();
    const { client, data } = clientFor(sim);
    const pages = await Promise.all(Array.from({ length: 40 }, (_, i) => client.get(`${data}studentSectionAssociations?offset=${i * 6}&limit=6`, `ssa offset ${i * 6}`)));
    expect(pages.map((p) => p.status)).toEqual(Array(40).fill(200));
    expect(pages.flatMap((p) => JSON.parse(p.body).map((x: { id: string }) => x.id))).toEqual(currentIds(sim, "studentSectionAssociations"));
    expect(sim.stats().tokensIssued).toBe(1);
    expect(client.counters).toEqual({ requests: 40, retries: 0, tokenRequests: 1, refreshesAfter401: 0 });
  });

  test("headers go out and come back; other statuses are returned as they are; public GETs need no token", async () => {
    const sim = await simulator({ apiVersion: "6.1" });
    const { client, data } = clientFor(sim);
    const count = await client.get(`${data}students?totalCount=true&limit=0`, "students count");
    expect(count.headers["total-count"]).toBe("20");
    expect((await client.get(`${data}noSuchThings`, "noSuchThings")).status).toBe(404);
    expect((await client.get(`${data}students?limit=9999`, "students")).status).toBe(400);
    const root = await client.getPublic(`${sim.url}/`, "root document");
    expect(JSON.parse(root.body).version).toBe("6.1");
  });

  test("the token is renewed before it expires, without a 401", async () => {
    const sim = await simulator({ tokenTtl: 2 });
    const { client, data } = clientFor(sim);
    const until = Date.now() + 2600;
    for (let i = 0; Date.now() < until; i++) {
      expect((await client.get(`${data}students?offset=${i % 20}&limit=1`, "students")).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(sim.stats().tokensIssued).toBeGreaterThanOrEqual(2);
    expect(statuses(sim, "GET students")["401"]).toBeUndefined();
    expect(client.counters.refreshesAfter401).toBe(0);
  });

  test("revoked tokens are renewed once for everyone, every request succeeds and the 7.3 cap is never hit", async () => {
    const sim = await simulator({ apiVersion: "7.3", faults: "revoke=20" });
    const { client, data } = clientFor(sim, { concurrency: 20 });
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < 400; i = next++) {
        expect((await client.get(`${data}studentSectionAssociations?offset=${i % 240}&limit=1`, `ssa ${i}`)).status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    const { faults, tokensIssued } = sim.stats();
    expect(faults.revoke).toBeGreaterThan(15);
    expect(tokensIssued).toBeLessThanOrEqual(faults.revoke + 1);
    expect(client.counters.refreshesAfter401).toBeGreaterThan(0);
    expect(statuses(sim, "POST oauth/token")).toEqual({ "200": tokensIssued });
  });

  test("a wrong secret fails at once with one clear line, after one token request", async () => {
    const sim = await simulator();
    const wrong = "not-the-Secret-42";
    const { client, data } = clientFor(sim, { clientSecret: wrong });
    const started = Date.now();
    const errors = await Promise.all(Array.from({ length: 20 }, () => failure(client.get(`${data}students`, "students"))));
    expect(Date.now() - started).toBeLessThan(2000);
    for (const error of errors) {
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toBe(`Authentication failed at ${routeBase(sim, "oauth")}: invalid_client: Invalid client or client secret. (check EDFI_CLIENT_ID / EDFI_CLIENT_SECRET)`);
      expect(inspect(error)).not.toContain(wrong);
    }
    expect(statuses(sim, "POST oauth/token")).toEqual({ "401": 1 });
    expect(statuses(sim, "GET students")).toEqual({});
  });

  test("a 401 again with a fresh token is an error, not a loop", async () => {
    const [issuer, api] = [await simulator(), await simulator()];
    const { client } = clientFor(issuer);
    const data = `${routeBase(api, "data")}/ed-fi/`;
    const errors = await Promise.all(Array.from({ length: 10 }, () => failure(client.get(`${data}students`, "students"))));
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      expect(error.message).toMatch(/^GET students failed after 2 attempts: 401 Unauthorized even with a fresh token from http/);
      expect((error as ApiError).status).toBe(401);
    }
    expect(issuer.stats().tokensIssued).toBe(2);
  });

  test("5xx, 429 and resets: every page still arrives, Retry-After capped by retryMaxMs", async () => {
    const sim = await simulator({ faults: "5xx=0.2,429=0.1,retryAfter=1,reset=0.05" });
    const { client, events, data } = clientFor(sim, { maxRetries: 12 });
    const pages = await Promise.all(Array.from({ length: 100 }, (_, i) => client.get(`${data}studentSectionAssociations?offset=${i}&limit=3`, `ssa offset ${i}`)));
    expect(pages.every((p) => p.status === 200)).toBe(true);
    expect(client.counters.retries).toBeGreaterThan(0);
    expect(client.counters.retries).toBe(events.length);
    const { faults } = sim.stats();
    for (const kind of ["429", "reset"]) expect(faults[kind]).toBeGreaterThan(0);
    expect(events.filter((e) => e.reason.startsWith("429")).every((e) => e.delayMs <= 20)).toBe(true);
    expect(events.some((e) => /ECONNRESET|socket hang up/.test(e.reason))).toBe(true);
  });

  test("the retry after a 429 waits at least Retry-After", async () => {
    const sim = await simulator({ faults: "429=0.3,retryAfter=1" });
    const { client, events, data } = clientFor(sim, { retryMaxMs: 5000 });
    await Promise.all(Array.from({ length: 3 }, (_, i) => client.get(`${data}students?offset=${i}&limit=1`, `students ${i}`)));
    const waits = events.filter((e) => e.reason === "429 Too Many Requests");
    expect(waits.length).toBeGreaterThan(0);
    for (const e of waits) expect(e.delayMs).toBeGreaterThanOrEqual(1000);
  });

  test("exhausted retries name the request, the status and the attempts", async () => {
    const sim = await simulator({ faults: "500=1" });
    const { client, events, data } = clientFor(sim, { maxRetries: 3 });
    const what = "studentSchoolAttendanceEvents 2025 offset 1500";
    const error = await failure(client.get(`${data}studentSchoolAttendanceEvents?offset=1500&limit=500`, what));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(`GET ${what} failed after 4 attempts: 500 Internal Server Error`);
    expect(error).toMatchObject({ what, attempts: 4, status: 500, url: `${data}studentSchoolAttendanceEvents?offset=1500&limit=500` });
    expect(events.map((e) => [e.what, e.attempt])).toEqual([[what, 1], [what, 2], [what, 3]]);
    expect(statuses(sim, "GET studentSchoolAttendanceEvents")).toEqual({ "500": 4 });
  });

  test("resets and timeouts are retried, then reported with their cause", async () => {
    const reset = await simulator({ faults: "reset=1" });
    const resetError = await failure(clientFor(reset, { maxRetries: 2 }).client.get(`${routeBase(reset, "data")}/ed-fi/students`, "students"));
    expect(resetError.message).toMatch(/^GET students failed after 3 attempts: (ECONNRESET|socket hang up)/);
    expect((resetError.cause as { code?: string }).code).toBe("ECONNRESET");

    const slow = await simulator({ faults: "slow=1,slowMs=400" });
    const slowError = await failure(clientFor(slow, { maxRetries: 1, timeoutMs: 100 }).client.get(`${routeBase(slow, "data")}/ed-fi/students`, "students"));
    expect(slowError.message).toMatch(/^GET students failed after 2 attempts: ETIMEDOUT/);
    expect((slowError as ApiError).status).toBeUndefined();
  });

  // Without a usable Content-Length the body grows as it comes, through buffers of several sizes.
  test.each([
    ["gzip bodies are decompressed", 2],
    ["a large gzip body is read whole", 20_000],
    ["a large body sent in chunks, without Content-Length, is read whole", -20_000],
  ])("%s", async (_name, records) => {
    const body = JSON.stringify(Array.from({ length: Math.abs(records) }, (_, i) => ({ id: `id-${i}`, n: i })));
    const server = createServer((_req, res) => {
      if (records > 0) return res.writeHead(200, { "Content-Encoding": "gzip", "Content-Type": "application/json" }).end(gzipSync(body));
      res.writeHead(200, { "Content-Type": "application/json" });
      for (let at = 0; at < body.length; at += 10_000) res.write(body.slice(at, at + 10_000));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = new ApiClient({ apiUrl: `http://127.0.0.1:${port}`, tokenUrl: `http://127.0.0.1:${port}/oauth/token`, clientId: "id", clientSecret: "secret", concurrency: 1 });
    try {
      expect((await client.getPublic(`http://127.0.0.1:${port}/`, "root")).body).toBe(body);
    } finally {
      client.close();
      server.close();
    }
  });

  test("a body cut off mid-way is retried, never returned short", async () => {
    let served = 0;
    const body = JSON.stringify([{ id: "a" }, { id: "b" }]);
    const server = createServer((_req, res) => {
      if (served++ > 0) return res.writeHead(200, { "Content-Type": "application/json" }).end(body);
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(body.length) }).write(body.slice(0, 10));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const events: RetryEvent[] = [];
    const client = new ApiClient({ apiUrl: `http://127.0.0.1:${port}`, tokenUrl: `http://127.0.0.1:${port}/oauth/token`, clientId: "id", clientSecret: "secret", concurrency: 1, retryBaseMs: 1, onRetry: (e) => events.push(e) });
    try {
      expect((await client.getPublic(`http://127.0.0.1:${port}/`, "root")).body).toBe(body);
      expect(events.map((e) => e.reason)).toEqual([expect.stringMatching(/^ECONNRESET/)]);
    } finally {
      client.close();
      server.close();
    }
  });

  test("redact masks known secrets and credentials in the usual places", () => {
    const text = "token=abc%2F1 Bearer 0123abcd Basic ZWRmaTpzZWNyZXQ= https://u:pw@host/x?client_secret=s3&access_token=t&limit=5 abc/1";
    expect(redact(text, ["abc/1", ""])).toBe("token=*** Bearer *** Basic *** https://u:***@host/x?client_secret=***&access_token=***&limit=5 ***");
  });

  test("nothing thrown or reported contains the secret or a token", () => {
    expect(leaks.length).toBeGreaterThan(20);
    for (const text of leaks) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/[0-9a-f]{32}/);
      expect(text).not.toMatch(/Bearer|Basic/);
    }
  });
});
