import { startSimulator } from "../simulator/server.js";
import type { ApiVersion } from "../simulator/profile.js";
import { openLake } from "../extractor/lake/index.js";
import { catalog } from "../lib/catalog.js";
import { currentIds } from "./support/api.js";
import { compareWithSimulator, runExtract, settingsFor, tempLake } from "./support/extract.js";
import { currentRecords } from "./support/lake.js";

const BIG = ["studentSectionAssociations", "studentSchoolAttendanceEvents", "grades", "students", "sections"];

describe("consistency under concurrent writes", () => {
  test.each([
    ["7.3", true],
    ["7.3", false],
    ["6.1", true],
    ["6.1", false],
    ["5.3", false],
  ] as [ApiVersion, boolean][])("ODS/API %s with snapshots=%s loses no record while the district keeps writing", async (apiVersion, snapshots) => {
    const sim = await startSimulator({ students: 40, apiVersion, snapshots, faults: "writes=0.3" });
    try {
      const lakeUri = tempLake();
      const { manifest } = await runExtract(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "50" }), { resources: BIG });
      expect(sim.stats().faults.writes).toBeGreaterThan(0);
      if (!snapshots) {
        // Read live, the full run catches up on what changed during its walk until a check finds nothing
        // more: the district's writes come with the run's own requests, so the lake now holds exactly its records.
        const resources = manifest.years.flatMap((y) => y.resources);
        expect(resources.every((r) => r.catchUp?.settled)).toBe(true);
        expect(resources.some((r) => r.catchUp!.rounds > 0 && r.catchUp!.upserts + r.deletes > 0)).toBe(true);
        expect(await compareWithSimulator(sim, lakeUri, BIG)).toEqual([]);
      }
      // Under a snapshot, what changed after it is picked up by the next run; once the district stops
      // writing, the lake must hold exactly the district's records.
      sim.setFaults(undefined);
      await runExtract(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "50" }), { resources: BIG });
      expect(await compareWithSimulator(sim, lakeUri, BIG)).toEqual([]);
    } finally {
      await sim.stop();
    }
  });
});

test("a --full run while the district's newest snapshot is older than the lake reads live, not back to the snapshot", async () => {
  const sim = await startSimulator({ students: 40, apiVersion: "6.1", snapshots: true, faults: "writes=0.3" });
  try {
    const lakeUri = tempLake();
    const settings = settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "50" });
    // Read under the snapshot while the district writes on: the lake's watermark is the snapshot's.
    await runExtract(settings, { resources: BIG });
    expect(sim.stats().faults.writes).toBeGreaterThan(0);
    sim.setFaults(undefined);
    const { manifest } = await runExtract(settings, { resources: BIG, full: true });
    expect(manifest.years[0]).toMatchObject({ full: true, snapshot: null });
    expect(await compareWithSimulator(sim, lakeUri, BIG)).toEqual([]);
  } finally {
    await sim.stop();
  }
});

test("a district that writes before every read: the catch-up stops after 20 rounds and reports the resource", async () => {
  const sim = await startSimulator({ students: 20, apiVersion: "7.3", snapshots: false, faults: "writes=1" });
  try {
    const { manifest } = await runExtract(settingsFor(sim, tempLake()), { resources: ["students"] });
    const [students] = manifest.years[0].resources;
    expect(students.catchUp).toMatchObject({ rounds: 20, settled: false });
    expect(students.mismatch).toBe("records kept changing through 20 catch-up rounds; the next run lands the rest");
  } finally {
    await sim.stop();
  }
});

test("without change queries every run is a full snapshot, walked from the end: no record that existed throughout is lost while the district keeps writing", async () => {
  const sim = await startSimulator({ students: 40, apiVersion: "6.1", changeQueries: false, faults: "writes=0.3" });
  try {
    const lakeUri = tempLake();
    const idsNow = () => new Map(BIG.map((resource) => [resource, new Set(currentIds(sim, resource))]));
    const before = idsNow();
    const { manifest } = await runExtract(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "50" }), { resources: BIG });
    expect(sim.stats().faults.writes).toBeGreaterThan(0);
    expect(manifest.years.map((y) => [y.full, y.paging, y.window])).toEqual([[true, "plain", { from: null, to: null }]]);
    const after = idsNow();
    const lost: string[] = [];
    for (const entry of catalog.filter((e) => BIG.includes(e.resource))) {
      const landed = await currentRecords(openLake(lakeUri), entry.table, sim.options.years[0]);
      const survivors = [...before.get(entry.resource)!].filter((id) => after.get(entry.resource)!.has(id));
      lost.push(...survivors.filter((id) => !landed.has(id)).map((id) => `${entry.resource} ${id}`));
    }
    expect(lost).toEqual([]);
    // The next run is a full snapshot again: what was deleted since is gone, by its absence.
    sim.setFaults(undefined);
    sim.mutate(0.1);
    const second = await runExtract(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "50" }), { resources: BIG });
    expect(second.manifest.years.map((y) => y.full)).toEqual([true]);
    expect(await compareWithSimulator(sim, lakeUri, BIG)).toEqual([]);
  } finally {
    await sim.stop();
  }
});

describe("faults", () => {
  test("5% 5xx, 2% 429, resets and token revocation still give the exact set", async () => {
    const sim = await startSimulator({ students: 40, apiVersion: "7.3", faults: "5xx=0.05,429=0.02,retryAfter=0,reset=0.01,revoke=150" });
    try {
      const lakeUri = tempLake();
      const { manifest } = await runExtract(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "50" }));
      const faults = sim.stats().faults;
      expect(faults.revoke).toBeGreaterThan(0);
      expect(faults["429"]).toBeGreaterThan(0);
      expect(faults.reset).toBeGreaterThan(0);
      expect(manifest.http.retries).toBeGreaterThan(0);
      expect(await compareWithSimulator(sim, lakeUri)).toEqual([]);
    } finally {
      await sim.stop();
    }
  });
});
