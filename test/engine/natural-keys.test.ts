// The staging tables' uniqueness assertions tell records apart as the API does: a descriptor in a natural
// key by its URI. A district may define its own program type beside Ed-Fi's with the same code value, so
// two programs whose type differs only by namespace are two records; the same URI twice is a duplicate.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { transform } from "../../engine/transform.js";
import { tempDatabase } from "../support/compiled-graph.js";
import { emptyLake } from "../support/empty-lake.js";

const RUN = "20250102T000000Z-aaaaaa";
const selection = { actions: ["edfi_staging.stg_programs"], tags: [], includeDeps: true };

/** A lake holding one committed full run of programs named "Special Education", one per program type URI. */
function lakeOfPrograms(types: string[]): string {
  const lake = emptyLake();
  const lines = types.map((type, i) => {
    const id = String(i + 1).repeat(32);
    const data = { id, educationOrganizationReference: { educationOrganizationId: 255901 }, programName: "Special Education", programTypeDescriptor: type };
    return JSON.stringify({ id, resource: "programs", operation: "upsert", change_version: null, extracted_at: "2025-01-01T00:00:00.000Z", run_id: RUN, snapshot: true, data: JSON.stringify(data) });
  });
  writeFileSync(join(lake, "edfi", "programs", "school_year=2025", `${RUN}-00001.ndjson.gz`), gzipSync(lines.join("\n") + "\n"));
  const commit = { run_id: RUN, school_year: 2025, resource: "programs", table_name: "programs", snapshot: true, committed_at: "2025-01-01T00:00:00Z" };
  writeFileSync(join(lake, "_commits", "school_year=2025", `${RUN}.ndjson`), JSON.stringify(commit) + "\n");
  return lake;
}

async function uniqueKeyStatus(types: string[]) {
  const report = await transform({ lake: lakeOfPrograms(types), database: tempDatabase(), selection });
  return report.results.find((r) => r.name.endsWith("stg_programs_assertions_uniqueKey_0"))?.status;
}

test("a natural key's descriptor is compared by URI: the same code value in two namespaces is two records", async () => {
  const edfi = "uri://ed-fi.org/ProgramTypeDescriptor#Special Education";
  expect(await uniqueKeyStatus([edfi, "uri://district.k12.us/ProgramTypeDescriptor#Special Education"])).toBe("ok");
  expect(await uniqueKeyStatus([edfi, edfi])).toBe("assertion-failed");
}, 300_000);
