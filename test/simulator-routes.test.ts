import { startSimulator, type Simulator } from "../simulator/server.js";
import { client, get, routeBase } from "./support/api.js";

describe("route contexts", () => {
  test.each(["5.3", "6.1", "7.3"] as const)("%s year-specific: one ODS per year behind the version's year route", async (apiVersion) => {
    const sim = await startSimulator({ students: 20, apiVersion, mode: "year-specific", years: [2024, 2025] });
    try {
      const expectedBase = apiVersion === "7.3" ? `${sim.url}/2024/data/v3` : `${sim.url}/data/v3/2024`;
      expect(routeBase(sim, "data", 2024)).toBe(expectedBase);
      const y2024 = await client(sim, 2024);
      const y2025 = await client(sim, 2025);
      const sessions2024 = (await y2024.get("sessions")).json();
      const sessions2025 = (await y2025.get("sessions")).json();
      expect(sessions2024.length).toBeGreaterThan(0);
      expect(new Set(sessions2024.map((s: any) => s.schoolYearTypeReference.schoolYear))).toEqual(new Set([2024]));
      expect(new Set(sessions2025.map((s: any) => s.schoolYearTypeReference.schoolYear))).toEqual(new Set([2025]));
      // Each year is its own database: its own ids and change versions, the same students.
      const students = async (api: typeof y2024) => (await api.get("students")).json().map((s: any) => s.studentUniqueId);
      expect(await students(y2025)).toEqual(await students(y2024));
      const unknownYear = await get(routeBase(sim, "data", 2023) + "/ed-fi/students", y2024.token);
      expect(unknownYear.status).toBe(404);
      const noYear = await get(`${sim.url}/data/v3/ed-fi/students`, y2024.token);
      expect(noYear.status).toBe(404);
    } finally {
      await sim.stop();
    }
  });

  test("shared: every year in one ODS, no year in the route", async () => {
    const sim = await startSimulator({ students: 20, apiVersion: "7.3", mode: "shared", years: [2024, 2025] });
    try {
      const api = await client(sim);
      expect(api.data).toBe(`${sim.url}/data/v3/ed-fi/`);
      const years = new Set((await api.get("sessions")).json().map((s: any) => s.schoolYearTypeReference.schoolYear));
      expect(years).toEqual(new Set([2024, 2025]));
      expect((await get(`${sim.url}/2024/data/v3/ed-fi/students`, api.token)).status).toBe(404);
    } finally {
      await sim.stop();
    }
  });
});

describe("data standards", () => {
  let ds4: Simulator;
  let ds5: Simulator;
  beforeAll(async () => {
    [ds4, ds5] = await Promise.all([
      startSimulator({ students: 20, apiVersion: "7.3", dataStandard: 4 }),
      startSimulator({ students: 20, apiVersion: "7.3", dataStandard: 5 }),
    ]);
  });
  afterAll(() => Promise.all([ds4.stop(), ds5.stop()]));

  test("DS 4 serves parents, DS 5 serves contacts", async () => {
    const [api4, api5] = await Promise.all([client(ds4), client(ds5)]);
    expect((await api4.get("parents")).json()[0]).toHaveProperty("parentUniqueId");
    expect((await api4.get("contacts")).status).toBe(404);
    expect((await api5.get("contacts")).json()[0]).toHaveProperty("contactUniqueId");
    expect((await api5.get("parents")).status).toBe(404);
    expect((await api5.get("studentContactAssociations")).json()[0]).toHaveProperty("contactReference.contactUniqueId");
    expect((await api4.get("studentParentAssociations")).json()[0]).toHaveProperty("parentReference.parentUniqueId");
  });

  test("DS 5 grading periods and grades are keyed by name, DS 4 by sequence", async () => {
    const [api4, api5] = await Promise.all([client(ds4), client(ds5)]);
    expect((await api5.get("grades?limit=1")).json()[0].gradingPeriodReference).toHaveProperty("gradingPeriodName");
    expect((await api4.get("grades?limit=1")).json()[0].gradingPeriodReference).toHaveProperty("periodSequence");
    expect((await api5.get("courses?limit=1")).json()[0]).toHaveProperty("academicSubjects");
    expect((await api4.get("courses?limit=1")).json()[0]).toHaveProperty("academicSubjectDescriptor");
  });

  test("a version that cannot run the data standard is refused at start", async () => {
    await expect(startSimulator({ apiVersion: "6.1", dataStandard: 5 })).rejects.toThrow(/does not run data standard 5/);
  });
});

describe("admin routes", () => {
  test("POST /admin/mutate applies a seeded batch and GET /admin/stats counts requests by route and status", async () => {
    const sim = await startSimulator({ students: 20, mode: "year-specific", years: [2024, 2025] });
    try {
      const api = await client(sim, 2025);
      const served = (await api.get("students")).json().length;
      await api.get("nothingHere");
      const before = sim.instance(2025).newestChangeVersion;
      const mutated = await fetch(`${sim.url}/admin/mutate?fraction=0.1&year=2025`, { method: "POST" });
      const summary = (await mutated.json()) as Record<string, Record<string, Record<string, number>>>;
      expect(Object.keys(summary)).toEqual(["2025"]);
      expect(summary["2025"].studentSchoolAttendanceEvents.deleted).toBeGreaterThan(0);
      expect(sim.instance(2025).newestChangeVersion).toBeGreaterThan(before);
      expect(sim.instance(2024).snapshots).toHaveLength(1);
      expect((await fetch(`${sim.url}/admin/mutate?fraction=7`, { method: "POST" })).status).toBe(400);
      const stats = (await (await fetch(`${sim.url}/admin/stats`)).json()) as { byRoute: Record<string, Record<string, number>>; records: number };
      expect(stats.byRoute["GET students"]).toEqual({ 200: 1 });
      expect(stats.byRoute["POST oauth/token"]).toEqual({ 200: 1 });
      expect(Object.values(stats.byRoute).some((statuses) => statuses[404] === 1)).toBe(true);
      expect(stats.records).toBe(served);
    } finally {
      await sim.stop();
    }
  });
});
