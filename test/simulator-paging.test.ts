import { startSimulator, type Simulator } from "../simulator/server.js";
import { client, currentIds, useSimulator, walkOffsets, type Client } from "./support/api.js";

const ids = (r: { json(): { id: string }[] }) => r.json().map((x) => x.id);

const offsetWalk = async (api: Client, resource: string, limit: number) => (await walkOffsets(api, resource, limit)).map((x) => x.id as string);

describe.each(["5.3", "6.1", "7.3"] as const)("offset paging on ODS/API %s", (apiVersion) => {
  const t = useSimulator({ students: 40, apiVersion });

  test("default limit is the version's (25 on 5.x, else 500)", async () => {
    const page = await t.api.get("studentSchoolAttendanceEvents");
    const total = currentIds(t.sim, "studentSchoolAttendanceEvents").length;
    expect(page.json()).toHaveLength(Math.min(total, apiVersion === "5.3" ? 25 : 500));
  });

  test("an offset walk returns every record exactly once, in a stable order", async () => {
    const walked = await offsetWalk(t.api, "studentSectionAssociations", 100);
    expect(walked).toEqual(currentIds(t.sim, "studentSectionAssociations"));
    expect(await offsetWalk(t.api, "studentSectionAssociations", 100)).toEqual(walked);
  });

  test("Total-Count only when asked, case-insensitively, also with limit=0", async () => {
    const total = currentIds(t.sim, "students").length;
    expect((await t.api.get("students?limit=1")).headers.get("total-count")).toBeNull();
    const counted = await t.api.get("students?limit=0&totalCount=True");
    expect(counted.json()).toEqual([]);
    expect(counted.headers.get("total-count")).toBe(String(total));
  });

  test("past the end is an empty page", async () => {
    const page = await t.api.get("students?offset=100000&limit=10");
    expect([page.status, page.json()]).toEqual([200, []]);
  });

  test("limit above the maximum or a negative offset is a 400 in the version's shape", async () => {
    const over = await t.api.get("students?limit=501");
    expect(over.status).toBe(400);
    if (apiVersion === "7.3") {
      expect(over.json()).toMatchObject({ type: "urn:ed-fi:api:bad-request:parameter-validation-failed", errors: ["Limit must be a value between 0 and 500."] });
    } else {
      expect(over.json().message).toMatch(/Limit must be omitted or set to a value between 1 and max value/);
    }
    expect((await t.api.get("students?offset=-1")).status).toBe(400);
    expect((await t.api.get("students?limit=abc")).status).toBe(400);
  });

  test("Next-Page-Token accompanies non-empty pages on 7.3 only", async () => {
    const page = await t.api.get("students?limit=5");
    expect(page.headers.has("next-page-token")).toBe(apiVersion === "7.3");
    expect((await t.api.get("students?offset=100000")).headers.has("next-page-token")).toBe(false);
  });

  test("a single item by id, and 404 for unknown ids or resources", async () => {
    const first = (await t.api.get("students?limit=1")).json()[0];
    const one = await t.api.get(`students/${first.id}`);
    expect(one.json()).toEqual(first);
    expect((await t.api.get(`students/${"f".repeat(32)}`)).status).toBe(404);
    expect((await t.api.get("notAResource")).status).toBe(404);
  });

  test("items carry id and _etag; _lastModifiedDate from 6.x on", async () => {
    const [first] = (await t.api.get("students?limit=1")).json();
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);
    expect(first._etag).toMatch(/^\d+$/);
    if (apiVersion === "5.3") expect(first).not.toHaveProperty("_lastModifiedDate");
    else expect(first._lastModifiedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  });
});

describe("cursor paging on ODS/API 7.3", () => {
  let sim: Simulator;
  let api: Client;
  beforeAll(async () => {
    sim = await startSimulator({ students: 60, apiVersion: "7.3" });
    api = await client(sim);
  });
  afterAll(() => sim.stop());

  async function cursorWalk(resource: string, partitions: number, pageSize: number): Promise<string[]> {
    const tokens: string[] = (await api.get(`${resource}/partitions?number=${partitions}`)).json().pageTokens;
    expect(tokens.length).toBeLessThanOrEqual(partitions);
    const out: string[] = [];
    for (const first of tokens) {
      for (let token: string | null = first; token; ) {
        const page = await api.get(`${resource}?pageToken=${token}&pageSize=${pageSize}`);
        expect(page.status).toBe(200);
        out.push(...ids(page));
        token = page.headers.get("next-page-token");
      }
    }
    return out;
  }

  test("partitions + page tokens cover every record exactly once", async () => {
    const truth = currentIds(sim, "studentSectionAssociations");
    expect(await cursorWalk("studentSectionAssociations", 7, 50)).toEqual(truth);
    expect(await cursorWalk("studentSectionAssociations", 1, 500)).toEqual(truth);
  });

  test("small sets get fewer partitions than asked", async () => {
    const tokens = (await api.get("localEducationAgencies/partitions?number=50")).json().pageTokens;
    expect(tokens.length).toBe(currentIds(sim, "localEducationAgencies").length);
  });

  test("the end of a partition is a response without Next-Page-Token", async () => {
    const [token] = (await api.get("students/partitions?number=1")).json().pageTokens;
    const all = await api.get(`students?pageToken=${token}&pageSize=500`);
    const next = all.headers.get("next-page-token");
    expect(next).not.toBeNull();
    const end = await api.get(`students?pageToken=${next}&pageSize=500`);
    expect([end.json(), end.headers.get("next-page-token")]).toEqual([[], null]);
  });

  test("parameter rules are enforced", async () => {
    const [token] = (await api.get("students/partitions?number=1")).json().pageTokens;
    const errors = async (query: string) => (await api.get(`students?${query}`)).json().errors;
    expect(await errors(`pageToken=${token}&offset=0`)).toEqual(["Both offset and pageToken parameters were provided, but they are mutually exclusive."]);
    expect(await errors(`pageToken=${token}&limit=10`)).toEqual(["Use pageSize instead of limit when using cursor paging with pageToken."]);
    expect(await errors("pageSize=10")).toEqual(["PageToken is required when pageSize is specified."]);
    expect(await errors("pageToken=garbage&pageSize=10")).toEqual(["The page token provided was invalid."]);
    expect(await errors(`pageToken=${token}&pageSize=501`)).toEqual(["PageSize must be a value between 0 and 500."]);
    expect((await api.get("students/partitions?number=0")).json().errors).toEqual(["Number of partitions must be between 1 and 200."]);
    expect((await api.get("students/partitions?number=201")).status).toBe(400);
  });
});

describe("cursor paging under concurrent writes (7.3)", () => {
  test("never skips a record that stayed untouched during the walk, unlike offset paging", async () => {
    const sim = await startSimulator({ students: 60, apiVersion: "7.3", faults: "writes=0.5" });
    try {
      const api = await client(sim);
      const resource = "studentSectionAttendanceEvents";
      const start = sim.instance().newestChangeVersion;
      const tokens: string[] = (await api.get(`${resource}/partitions?number=4`)).json().pageTokens;
      const cursor: string[] = [];
      for (const first of tokens) {
        for (let token: string | null = first; token; ) {
          const page = await api.get(`${resource}?pageToken=${token}&pageSize=100`);
          cursor.push(...page.json().map((x: { id: string }) => x.id));
          token = page.headers.get("next-page-token");
        }
      }
      // Records whose change version is still from before the walk were never touched by a write.
      const untouched = [...sim.instance().current(resource)].filter((r) => r.cv <= start).map((r) => r.id);
      expect(sim.stats().faults.writes).toBeGreaterThan(0);
      expect(untouched.filter((id) => !cursor.includes(id))).toEqual([]);
      const offset = (await walkOffsets(api, resource, 100)).map((x) => x.id as string);
      expect(untouched.filter((id) => !offset.includes(id)).length).toBeGreaterThan(0);
    } finally {
      await sim.stop();
    }
  });
});
