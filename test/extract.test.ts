import { openLake } from "../extractor/lake/index.js";
import { STATE_PATH } from "../extractor/state.js";
import { resourcesFor } from "../lib/catalog.js";
import { startSimulator, type Mode, type Simulator } from "../simulator/server.js";
import type { ApiVersion } from "../simulator/profile.js";
import { lakeLines, lakeState, yearWatermark } from "./support/lake.js";
import { compareWithSimulator, runExtract, settingsFor, tempLake } from "./support/extract.js";

const profiles: [ApiVersion, 4 | 5, Mode][] = [
  ["5.3", 4, "shared"],
  ["6.1", 4, "year-specific"],
  ["7.3", 5, "year-specific"],
  ["7.3", 4, "shared"],
];

describe.each(profiles)("extract from ODS/API %s, DS %s, %s", (apiVersion, dataStandard, mode) => {
  let sim: Simulator;
  const lakeUri = tempLake();
  beforeAll(async () => {
    sim = await startSimulator({ students: 30, apiVersion, dataStandard, mode, years: mode === "shared" ? [2025] : [2024, 2025] });
  });
  afterAll(() => sim.stop());

  test("a full extract lands every served record exactly once, byte-identical", async () => {
    const { manifest } = await runExtract(settingsFor(sim, lakeUri));
    expect(manifest.status).toBe("succeeded");
    expect(await compareWithSimulator(sim, lakeUri)).toEqual([]);
    const lake = openLake(lakeUri);
    const lines = await lakeLines(lake, "students", sim.options.years[0]);
    expect(new Set(lines.map((l) => l.line.id)).size).toBe(lines.length);
    expect(lines[0].line).toMatchObject({ resource: "students", school_year: sim.options.years[0], operation: "upsert", change_version: null, snapshot: true });
    for (const year of manifest.years) for (const r of year.resources) expect([r.resource, r.landed]).toEqual([r.resource, r.expected]);
  });

  test("an incremental run after a mutation lands exactly the changes, deletes and key changes", async () => {
    const before = await lakeState(openLake(lakeUri));
    sim.mutate(0.05);
    const { manifest } = await runExtract(settingsFor(sim, lakeUri));
    expect(manifest.years.every((y) => !y.full)).toBe(true);
    expect(await compareWithSimulator(sim, lakeUri)).toEqual([]);
    const after = await lakeState(openLake(lakeUri));
    for (const year of Object.keys(after!.years)) expect(yearWatermark(after, year)!).toBeGreaterThan(yearWatermark(before, year)!);
    const year = sim.options.years[0];
    const attendance = await lakeLines(openLake(lakeUri), "student_school_attendance_events", year);
    expect(attendance.some((l) => l.line.operation === "delete" && typeof l.line.change_version === "number")).toBe(true);
    const keyChanges = (await lakeLines(openLake(lakeUri), "student_school_associations", year)).filter((l) => l.line.operation === "key_change");
    expect(keyChanges.length > 0).toBe(apiVersion !== "5.3");
    const incremental = attendance.filter((l) => l.line.run_id === manifest.runId);
    expect(incremental.every((l) => l.line.snapshot === false)).toBe(true);
  });

  test("every resource and year has at least one file", async () => {
    const lake = openLake(lakeUri);
    for (const store of sim.instance(sim.options.years[0]).stores.values()) {
      for (const year of sim.options.years) expect((await lake.list(`edfi/${store.entry.table}/school_year=${year}/`)).length).toBeGreaterThan(0);
    }
  });
});

test("a school year the API does not serve, among ones it does: every year is planned before any is read, so nothing is read or lands", async () => {
  const sim = await startSimulator({ students: 20, mode: "year-specific", years: [2024, 2025] });
  try {
    const lakeUri = tempLake();
    await expect(runExtract(settingsFor(sim, lakeUri, { EDFI_SCHOOL_YEARS: "2023,2024" }))).rejects.toThrow(/^The API has no school year 2023 /);
    // Only the probes that found 2023 missing (a 404 the simulator cannot label) and looked for the years
    // near it read data (limit=0), of the first resource.
    const probe = resourcesFor(sim.dataStandard)[0].paths[sim.dataStandard];
    const reads = Object.keys(sim.stats().byRoute).filter((route) => route.startsWith("GET ") && !/changeQueries|discovery/.test(route));
    expect(reads.sort()).toEqual([`GET ${probe}`, "GET unknown"]);
    expect((await openLake(lakeUri).list("edfi/")).length + (await openLake(lakeUri).list("_commits/")).length).toBe(0);
  } finally {
    await sim.stop();
  }
});

test("a run over some resources moves only their watermarks: the next run reads each other resource from its own, or in full where it has none, and lands the exact set", async () => {
  const sim = await startSimulator({ students: 40, apiVersion: "7.3" });
  try {
    for (const first of [[], ["students"]]) {
      const lakeUri = tempLake();
      const settings = settingsFor(sim, lakeUri);
      await runExtract(settings, { resources: first });
      const before = (await lakeState(openLake(lakeUri)))!.years["2025"].resources;
      sim.mutate(0.05);
      await runExtract(settings, { resources: ["students"] });
      const after = (await lakeState(openLake(lakeUri)))!.years["2025"].resources;
      expect(after.students.watermark).toBeGreaterThan(before.students.watermark!);
      const others = (resources: typeof after) => Object.entries(resources).filter(([table]) => table !== "students");
      expect(others(after)).toEqual(others(before));
      sim.mutate(0.05);
      const { manifest } = await runExtract(settings);
      for (const r of manifest.years[0].resources) expect([r.table, r.full, r.from]).toEqual([r.table, !(r.table in after), after[r.table]?.watermark ?? null]);
      expect(yearWatermark(await lakeState(openLake(lakeUri)), 2025)).toBe(manifest.years[0].window.to);
      expect(await compareWithSimulator(sim, lakeUri)).toEqual([]);
    }
  } finally {
    await sim.stop();
  }
});

test("state an earlier version wrote (one watermark per year, `partial` after a run over some resources) carries on: from its watermark for the resources its last run read, else in full; an unknown version is refused", async () => {
  const sim = await startSimulator({ students: 40, apiVersion: "7.3" });
  try {
    // The last run read every resource; or every one but grades, as an extractor whose catalog lacked it.
    const everyResource = resourcesFor(sim.dataStandard).map((e) => e.resource);
    for (const [partial, first] of [[false, []], [true, []], [false, everyResource.filter((r) => r !== "grades")]] as const) {
      const lakeUri = tempLake();
      const lake = openLake(lakeUri);
      const settings = settingsFor(sim, lakeUri);
      await runExtract(settings, { resources: [...first] });
      const { lastRunId, updatedAt } = (await lakeState(lake))!.years["2025"];
      const watermark = yearWatermark(await lakeState(lake), 2025);
      await lake.writeJson(STATE_PATH, { version: 1, years: { 2025: { watermark, lastRunId, lastFullRunId: lastRunId, updatedAt, ...(partial ? { partial } : {}) } } });
      sim.mutate(0.05);
      const { manifest } = await runExtract(settings);
      const inFull = (table: string) => partial || table === "grades" && first.length > 0;
      const reads = manifest.years[0].resources;
      expect(reads.map((r) => [r.table, r.full, r.from])).toEqual(reads.map((r) => [r.table, inFull(r.table), inFull(r.table) ? null : watermark]));
      expect(await compareWithSimulator(sim, lakeUri)).toEqual([]);
      await lake.writeJson(STATE_PATH, { version: 3, years: {} });
      await expect(runExtract(settings)).rejects.toThrow("_state.json in the lake has version 3; this extractor reads versions 1 and 2");
    }
  } finally {
    await sim.stop();
  }
});

test("an API restored from a backup, its newest change version behind the lake's watermarks, is read in full", async () => {
  const lakeUri = tempLake();
  const district = await startSimulator({ students: 40, apiVersion: "7.3" });
  try {
    district.mutate(0.05);
    district.mutate(0.05);
    await runExtract(settingsFor(district, lakeUri));
  } finally {
    await district.stop();
  }
  // The same district as it was after its first batch of changes.
  const restored = await startSimulator({ students: 40, apiVersion: "7.3" });
  try {
    restored.mutate(0.05);
    expect(restored.instance().newestChangeVersion).toBeLessThan(yearWatermark(await lakeState(openLake(lakeUri)), 2025)!);
    const { manifest } = await runExtract(settingsFor(restored, lakeUri));
    expect(manifest.years[0].full).toBe(true);
    expect(await compareWithSimulator(restored, lakeUri)).toEqual([]);
  } finally {
    await restored.stop();
  }
});
