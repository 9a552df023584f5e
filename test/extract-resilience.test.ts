import { startSimulator } from "../simulator/server.js";
import type { ApiVersion } from "../simulator/profile.js";
import { compareWithSimulator, runExtract, settingsFor, tempLake } from "./support/extract.js";

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
