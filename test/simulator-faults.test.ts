import { connect } from "node:net";
import { parseFaults } from "../simulator/faults.js";
import { startSimulator, type Simulator } from "../simulator/server.js";
import { client, currentIds, type Client } from "./support/api.js";

/** GET with retries on the transient faults, as a careful client would; returns the final response. */
async function patientGet(api: Client, path: string): Promise<{ status: number; json(): any; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await api.get(path);
      if (response.status === 401) await api.refresh();
      else if (![429, 500, 502, 503, 504].includes(response.status)) return { ...response, attempts: attempt };
    } catch {
      // connection reset: try again
    }
    if (attempt > 50) throw new Error(`gave up on ${path}`);
  }
}

describe("fault injection", () => {
  test("spec parsing names what is wrong", () => {
    expect(() => parseFaults("5xx=2", 1)).toThrow(/5xx/);
    expect(() => parseFaults("bogus=1", 1)).toThrow(/bogus/);
    expect(() => parseFaults("500", 1)).toThrow(/not name=value/);
    expect(() => parseFaults("500=0.6,503=0.6", 1)).toThrow(/more than 1/);
    expect(parseFaults("", 1).decide("x")).toBeUndefined();
  });

  test("a repeated request eventually succeeds and decisions do not depend on arrival order", () => {
    const a = parseFaults("5xx=0.5", 7);
    const b = parseFaults("5xx=0.5", 7);
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    const first = keys.map((k) => a.decide(k));
    const reversed = [...keys].reverse().map((k) => b.decide(k)).reverse();
    expect(reversed).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(10);
    for (const k of keys) {
      let tries = 0;
      while (a.decide(k) !== undefined) tries++;
      expect(tries).toBeLessThan(30);
    }
  });

  describe("over HTTP", () => {
    let sim: Simulator;
    let api: Client;
    beforeAll(async () => {
      sim = await startSimulator({ students: 40, apiVersion: "7.3", faults: "500=0.05,502=0.05,503=0.05,504=0.05,429=0.1,retryAfter=3,reset=0.05,slow=0.05,slowMs=300" });
      api = await client(sim);
    });
    afterAll(() => sim.stop());

    test("every fault kind occurs and a retrying walk still reads every record exactly once", async () => {
      const seen: string[] = [];
      // Small pages: enough requests for every fault kind to occur.
      for (let offset = 0; ; offset += 10) {
        const page = await patientGet(api, `studentSectionAssociations?offset=${offset}&limit=10`);
        if (page.json().length === 0) break;
        seen.push(...page.json().map((x: { id: string }) => x.id));
      }
      expect(seen).toEqual(currentIds(sim, "studentSectionAssociations"));
      const { faults, byRoute } = sim.stats();
      for (const kind of ["500", "502", "503", "504", "429", "reset", "slow"]) expect(faults[kind]).toBeGreaterThan(0);
      expect(byRoute["GET studentSectionAssociations"]["0"]).toBe(faults.reset);
      expect(byRoute["GET studentSectionAssociations"]["429"]).toBe(faults["429"]);
    });

    test("429 carries Retry-After", async () => {
      for (let i = 0; ; i++) {
        const response = await api.get(`students?limit=1&probe=${i}`).catch(() => undefined);
        if (response?.status === 429) {
          expect(response.headers.get("retry-after")).toBe("3");
          return;
        }
      }
    });
  });

  test("reset destroys the connection without a response", async () => {
    const sim = await startSimulator({ students: 20, faults: "reset=1" });
    try {
      const api = await client(sim);
      await expect(api.get("students")).rejects.toThrow();
      // The raw socket sees the connection closed with no bytes at all.
      const url = new URL(api.data);
      const bytes = await new Promise<number>((resolve) => {
        let received = 0;
        const socket = connect(Number(url.port), url.hostname, () =>
          socket.write(`GET ${url.pathname}students HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.token}\r\n\r\n`),
        );
        socket.on("data", (chunk) => (received += chunk.length));
        socket.on("close", () => resolve(received));
        socket.on("error", () => undefined);
      });
      expect(bytes).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  test("revoke=N makes every live token fail after the Nth data request", async () => {
    const sim = await startSimulator({ students: 20, faults: "revoke=5" });
    try {
      const api = await client(sim);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await api.get("students?limit=1")).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 401]);
      await api.refresh();
      expect((await api.get("students?limit=1")).status).toBe(200);
      expect(sim.stats().faults.revoke).toBe(1);
    } finally {
      await sim.stop();
    }
  });

  test("malformed=resource sends the page holding the middle record as truncated JSON, every time", async () => {
    const sim = await startSimulator({ students: 40, faults: "malformed=studentSectionAssociations" });
    try {
      const api = await client(sim);
      const total = currentIds(sim, "studentSectionAssociations").length;
      const middlePage = Math.floor(Math.floor(total / 2) / 100) * 100;
      const bad = await api.get(`studentSectionAssociations?offset=${middlePage}&limit=100`);
      expect(bad.status).toBe(200);
      expect(() => bad.json()).toThrow(SyntaxError);
      expect(() => JSON.parse(bad.text)).toThrow();
      expect((await api.get(`studentSectionAssociations?offset=${middlePage}&limit=100`)).text).toBe(bad.text);
      expect((await api.get("studentSectionAssociations?offset=0&limit=10")).json()).toHaveLength(10);
    } finally {
      await sim.stop();
    }
  });

  test("forbidden=a+b refuses every request for those resources with 403, in the version's error shape", async () => {
    expect(() => parseFaults("forbidden=students+", 1)).toThrow(/forbidden/);
    for (const apiVersion of ["7.3", "5.3"] as const) {
      const sim = await startSimulator({ students: 20, apiVersion, faults: "forbidden=assessments+studentAssessments" });
      try {
        const api = await client(sim);
        const refused = await api.get("assessments?limit=1");
        expect(refused.status).toBe(403);
        expect(refused.json()).toMatchObject(apiVersion === "7.3" ? { status: 403, title: "Authorization Denied" } : { message: expect.stringContaining("could not be authorized") });
        expect((await api.get("studentAssessments/deletes")).status).toBe(403);
        expect((await api.get("students?limit=1")).status).toBe(200);
      } finally {
        await sim.stop();
      }
    }
  });

  test("forbiddenChanges=a+b refuses only the /deletes and /keyChanges of those resources with 403", async () => {
    expect(() => parseFaults("forbiddenChanges=grades+", 1)).toThrow(/forbiddenChanges/);
    const sim = await startSimulator({ students: 20, faults: "forbiddenChanges=grades+students" });
    try {
      const api = await client(sim);
      for (const path of ["grades/deletes", "grades/keyChanges", "students/deletes"]) {
        const refused = await api.get(path);
        expect(refused.status).toBe(403);
        expect(refused.json()).toMatchObject({ status: 403, title: "Authorization Denied", detail: expect.stringContaining("'ReadChanges' action") });
      }
      expect((await api.get("grades?limit=1")).status).toBe(200);
      expect((await api.get("sections/deletes")).status).toBe(200);
    } finally {
      await sim.stop();
    }
  });

  test("latency-ms delays every data response", async () => {
    const sim = await startSimulator({ students: 20, latencyMs: 150 });
    try {
      const api = await client(sim);
      const started = performance.now();
      await api.get("students?limit=1");
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await sim.stop();
    }
  });
});
