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
      await runExtract(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "50" }), { resources: BIG });
      expect(sim.stats().faults.writes).toBeGreaterThan(0);
      // What changed during the walk is picked up by the next run; once the district stops writing,
      // the lake must hold exactly the district's records.
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
