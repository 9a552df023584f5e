import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiClient } from "../extractor/api/client.js";
import { readAll, ReadError, type PageRead, type ReadTarget, type Strategy } from "../extractor/read.js";
import { Limit } from "../lib/limit.js";
import { startSimulator, type Simulator } from "../simulator/server.js";
import type { ApiVersion } from "../simulator/profile.js";

/** How the pages of one read were handed over, seen from inside onPage. */
interface Handover {
  records: number;
  /** Requests asked for while this page was with onPage (waiting up to a second for the first). */
  asked: number;
}

/**
 * Reads students with one request slot and an onPage that holds each page until the client has asked
 * for another request (or a second passed: the read's last page has none after it).
 */
async function readHolding(sim: Simulator, strategy: Strategy) {
  const client = new ApiClient({ apiUrl: sim.url, tokenUrl: `${sim.url}/oauth/token`, clientId: sim.options.clientId, clientSecret: sim.options.clientSecret, concurrency: 1 });
  const handovers: Handover[] = [];
  const target: ReadTarget = {
    client,
    limit: new Limit(1),
    pages: new Limit(2),
    url: `${sim.url}/data/v3/ed-fi/students`,
    what: "students 2025",
    pageSize: 10, // 3 pages of 30 students, and one read sequence in each strategy (reverse: one change-version slice)
    maxChangeVersion: strategy === "reverse" ? Number.MAX_SAFE_INTEGER : undefined,
    minChangeVersion: strategy === "reverse" ? 0 : undefined,
    headers: {},
    async onPage(page: PageRead) {
      const before = client.counters.requests;
      for (let waited = 0; client.counters.requests === before && waited < 1000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      handovers.push({ records: page.scan().count, asked: client.counters.requests - before });
    },
  };
  try {
    const { expected } = await readAll(target, strategy);
    return { expected, handovers };
  } finally {
    client.close();
  }
}

describe("reading pages", () => {
  test.each([
    ["7.3", "cursor"],
    ["6.1", "offset"],
    ["5.3", "reverse"],
  ] as [ApiVersion, Strategy][])("ODS/API %s, %s paging: the next page is asked for while a page is handed over, and no more than that one", async (apiVersion, strategy) => {
    const sim = await startSimulator({ students: 30, apiVersion });
    try {
      const { expected, handovers } = await readHolding(sim, strategy);
      expect(handovers.reduce((sum, h) => sum + h.records, 0)).toBe(expected);
      expect(handovers.length).toBeGreaterThan(2);
      // Every page but the last had the next request on its way while onPage held it; never two.
      expect(handovers.slice(0, -1).map((h) => h.asked)).toEqual(handovers.slice(0, -1).map(() => 1));
      expect(handovers.at(-1)!.asked).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  test("reads running at once hold no more pages together than the run allows, however many there are", async () => {
    const sim = await startSimulator({ students: 30, apiVersion: "6.1" });
    const client = new ApiClient({ apiUrl: sim.url, tokenUrl: `${sim.url}/oauth/token`, clientId: sim.options.clientId, clientSecret: sim.options.clientSecret, concurrency: 4 });
    const limit = new Limit(4);
    const pages = new Limit(3);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let handed = 0;
    const read = (resource: string): Promise<{ expected: number }> =>
      readAll(
        {
          client,
          limit,
          pages,
          url: `${sim.url}/data/v3/ed-fi/${resource}`,
          what: `${resource} 2025`,
          pageSize: 5,
          headers: {},
          async onPage(page) {
            await gate; // no page is written until the gate opens
            handed += page.scan().count;
          },
        },
        "offset",
      );
    try {
      const reads = ["students", "studentSchoolAssociations", "studentSectionAssociations", "sections"].map(read);
      // The four counts, then as many pages as `pages` holds (waiting up to 10 s on a busy machine),
      // and no more however long the gate stays shut.
      const pageRequests = () => client.counters.requests - 4;
      for (let waited = 0; pageRequests() < pages.size && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(pageRequests()).toBe(pages.size);
      open();
      const totals = await Promise.all(reads);
      expect(handed).toBe(totals.reduce((sum, t) => sum + t.expected, 0));
    } finally {
      client.close();
      await sim.stop();
    }
  });

  // The simulator sends well-formed pages (its malformed fault is covered in extract-cli); an API that
  // sends something else is served here. The page is found wrong when it is scanned, on its way to the lake.
  test.each([
    ["not an array", '{"id":"a"}', /GET students 2025 offset 0: expected a JSON array, got object$/],
    ["an item without an id", '[{"id":"a"},{"name":"b"}]', /GET students 2025 offset 0: item 1 has no id$/],
    ["malformed JSON", '[{"id":"a"},', /GET students 2025 offset 0: the API sent malformed JSON \(unexpected end of JSON at byte 12\); nothing from this window was committed$/],
  ])("a page that is %s fails the read with an error naming the page", async (_, body, message) => {
    const server = createServer((req, res) => {
      if (req.method === "POST") res.writeHead(200, { "Content-Type": "application/json" }).end('{"access_token":"t","expires_in":1800}');
      else res.writeHead(200, { "Content-Type": "application/json", "Total-Count": "2" }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new ApiClient({ apiUrl: url, tokenUrl: `${url}/oauth/token`, clientId: "id", clientSecret: "secret", concurrency: 1 });
    let written = 0;
    try {
      const read = readAll({ client, limit: new Limit(1), pages: new Limit(2), url: `${url}/students`, what: "students 2025", pageSize: 10, headers: {}, async onPage(page) {
        written += page.scan().count;
      } }, "offset");
      await expect(read).rejects.toThrow(ReadError);
      await expect(read).rejects.toThrow(message);
      expect(written).toBe(0);
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
