// The extractor writing to gs:// through @google-cloud/storage, against the real GCS emulator that
// jest's globalSetup starts (STORAGE_EMULATOR_HOST); fails, never skips, without it.
import { randomBytes } from "node:crypto";
import { openLake } from "../extractor/lake/index.js";
import { startSimulator, type Simulator } from "../simulator/server.js";
import { lakeState, yearWatermark } from "./support/lake.js";
import { compareWithSimulator, runExtract, settingsFor } from "./support/extract.js";

describe("extract into gs://", () => {
  let sim: Simulator;
  beforeAll(async () => {
    if (!process.env.STORAGE_EMULATOR_HOST) throw new Error(`GCS emulator not available: ${process.env.GCS_EMULATOR_ERROR ?? "STORAGE_EMULATOR_HOST unset"}`);
    sim = await startSimulator({ students: 20, apiVersion: "7.3" });
  });
  afterAll(() => sim?.stop());

  test("full then incremental runs land the exact current set, state and manifests in the bucket", async () => {
    const lakeUri = `gs://lake-${randomBytes(4).toString("hex")}/district/edfi-lake`;
    const first = await runExtract(settingsFor(sim, lakeUri));
    expect(first.manifest.status).toBe("succeeded");
    sim.mutate(0.1);
    await runExtract(settingsFor(sim, lakeUri));
    expect(await compareWithSimulator(sim, lakeUri)).toEqual([]);
    const lake = openLake(lakeUri);
    expect(yearWatermark(await lakeState(lake), 2025)).toBe(sim.instance().newestChangeVersion);
    expect((await lake.list("_runs/")).length).toBe(2);
    expect((await lake.list("edfi/students/school_year=2025/"))[0]).toMatch(/^edfi\/students\/school_year=2025\/\d{8}T\d{9}Z-[0-9a-f]{6}-\d{5}\.ndjson\.gz$/);
  });
});
