// A damaged lake must fail the build with an error naming the action and the file, and leave the
// previous database as it was: a corrupt gzip part, an invalid JSON line, an id that is not a GUID, a
// resource with no files.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { transform } from "../engine/transform.js";
import { useSimulator } from "./support/api.js";
import { runExtract, settingsFor, tempLake } from "./support/extract.js";

const selection = { actions: ["edfi_staging.stg_students"], tags: [], includeDeps: true };

describe("npm run transform on a damaged lake", () => {
  const context = useSimulator({ students: 20 });
  let lake: string;
  let database: string;

  beforeAll(async () => {
    lake = tempLake();
    await runExtract(settingsFor(context.sim, lake), { resources: ["students"] });
    database = join(mkdtempSync(join(tmpdir(), "amt-")), "amt.duckdb");
    const report = await transform({ lake, database, selection });
    expect(report.committed).toBe(true);
  }, 120_000);

  /**
   * A copy of the good lake with one students folder damaged by `damage`, and the build's report. The
   * copy is always at the same path, so the builds share one compiled graph (the engine's compile cache).
   */
  const copy = join(mkdtempSync(join(tmpdir(), "lake-")), "damaged");
  async function buildAfter(damage: (folder: string) => void, fullRefresh = false) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(lake, copy, { recursive: true });
    damage(join(copy, "edfi", "students", "school_year=2025"));
    const before = readFileSync(database);
    const report = await transform({ lake: copy, database, selection, fullRefresh });
    expect(report.committed).toBe(false);
    expect(readFileSync(database).equals(before)).toBe(true);
    return report.results.filter((r) => r.status === "failed");
  }

  // A part of a run already staged: an incremental build does not read it again, a full refresh does.
  test("a corrupt gzip file names the staging action and the file", async () => {
    let part = "";
    const failed = await buildAfter((folder) => {
      part = join(folder, readdirSync(folder)[0]);
      writeFileSync(part, Buffer.from("this is not gzip"));
    }, true);
    expect(failed.map((r) => r.name)).toEqual(["edfi_staging.stg_students"]);
    expect(failed[0].message).toContain(part);
  }, 60_000);

  test("an incremental build does not read the parts of runs already staged", async () => {
    rmSync(copy, { recursive: true, force: true });
    cpSync(lake, copy, { recursive: true });
    const folder = join(copy, "edfi", "students", "school_year=2025");
    for (const part of readdirSync(folder)) writeFileSync(join(folder, part), Buffer.from("this is not gzip"));
    const report = await transform({ lake: copy, database, selection });
    expect(report.results.filter((r) => r.status === "failed")).toEqual([]);
    expect(report.committed).toBe(true);
  }, 60_000);

  test("an invalid JSON line names the staging action and the file", async () => {
    let part = "";
    const failed = await buildAfter((folder) => {
      part = join(folder, "29990101T000000000Z-bad000-00000.ndjson.gz");
      writeFileSync(part, gzipSync('{"id": "x", "data": \n'));
    });
    expect(failed.map((r) => r.name)).toEqual(["edfi_staging.stg_students"]);
    expect(failed[0].message).toContain(part);
  }, 60_000);

  test("an id that is not a GUID (the API's ids are) names the staging action, the file and the id", async () => {
    let part = "";
    const failed = await buildAfter((folder) => {
      part = join(folder, "29990101T000000000Z-bad000-00000.ndjson.gz");
      writeFileSync(part, gzipSync(JSON.stringify({ id: "not-a-guid", resource: "students", operation: "upsert", data: "{}" }) + "\n"));
    });
    expect(failed.map((r) => r.name)).toEqual(["edfi_staging.stg_students"]);
    expect(failed[0].message).toContain(part);
    expect(failed[0].message).toContain("'not-a-guid'");
  }, 60_000);

  test("a resource with no files names its source and the files it looked for", async () => {
    const failed = await buildAfter((folder) => rmSync(folder, { recursive: true }));
    expect(failed.map((r) => r.name)).toEqual(["edfi_sources.students"]);
    expect(failed[0].message).toMatch(/No files found .*edfi\/students\/school_year=\*/);
  }, 60_000);
});
