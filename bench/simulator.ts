// The simulator's raw serving rate: N concurrent plain HTTP clients that page through the big resources
// and discard the bodies. This is the ceiling the extractor's throughput is compared with.
import { Agent, request } from "node:http";
import { spawnSimulator } from "../simulator/spawn.js";

export interface ServingRate {
  concurrency: number;
  records: number;
  requests: number;
  seconds: number;
  recordsPerSecond: number;
}

async function token(base: string): Promise<string> {
  const response = await fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from("edfi-sim-key:edfi-sim-secret").toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function getPage(agent: Agent, url: URL, bearer: string): Promise<{ status: number; records: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: `Bearer ${bearer}` } }, (res) => {
      // Count records by their id fields while discarding the body: no JSON parse on the client side.
      let records = 0;
      res.on("data", (chunk: Buffer) => {
        for (let i = chunk.indexOf('{"id":'); i !== -1; i = chunk.indexOf('{"id":', i + 1)) records++;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, records }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Offset pages of `pageSize` over the resources, handed out round-robin to `concurrency` workers for `seconds`. */
export async function measureServingRate(base: string, concurrency: number, seconds: number, resources: { path: string; total: number }[], pageSize = 500): Promise<ServingRate> {
  const bearer = await token(base);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const pages = resources.flatMap(({ path, total }) =>
    Array.from({ length: Math.ceil(total / pageSize) }, (_, i) => new URL(`${base}/data/v3/ed-fi/${path}?offset=${i * pageSize}&limit=${pageSize}`)),
  );
  let next = 0;
  let records = 0;
  let requests = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const page = await getPage(agent, pages[next++ % pages.length], bearer);
        if (page.status !== 200) throw new Error(`benchmark page failed with ${page.status}`);
        records += page.records;
        requests++;
      }
    }),
  );
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return { concurrency, records, requests, seconds: elapsed, recordsPerSecond: records / elapsed };
}

export async function simulatorBenchmark(options: { students: number; seconds: number; latencyMs: number; concurrencies: number[] }) {
  const sim = await spawnSimulator(["--students", String(options.students), "--latency-ms", String(options.latencyMs)]);
  try {
    const startup = { ms: sim.startupMs, ...sim.memory() };
    const bearer = await token(sim.url);
    const resources: { path: string; total: number }[] = [];
    for (const path of ["studentSectionAssociations", "studentSchoolAttendanceEvents", "grades"]) {
      const response = await fetch(`${sim.url}/data/v3/ed-fi/${path}?limit=0&totalCount=true`, { headers: { Authorization: `Bearer ${bearer}` } });
      resources.push({ path, total: Number(response.headers.get("total-count")) });
    }
    const rates: ServingRate[] = [];
    for (const concurrency of options.concurrencies) rates.push(await measureServingRate(sim.url, concurrency, options.seconds, resources));
    return { students: options.students, latencyMs: options.latencyMs, startup, afterLoad: sim.memory(), resources, rates };
  } finally {
    await sim.stop();
  }
}
