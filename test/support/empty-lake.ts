import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { catalog } from "../../lib/catalog.js";

/**
 * A lake as the extractor leaves it after a run that found nothing: an empty part per table. Its path
 * holds a quote, a comma and an equals sign: the engine binds the lake into SQL literals after the
 * compile, and the Dataform CLI would split a var holding either of the others.
 */
export function emptyLake(): string {
  const lake = mkdtempSync(join(tmpdir(), "engine-lake-o'neil,k=v-"));
  for (const entry of catalog) {
    const folder = join(lake, "edfi", entry.table, "school_year=2025");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "20250101T000000Z-000000-00001.ndjson.gz"), gzipSync(""));
  }
  mkdirSync(join(lake, "_commits", "school_year=2025"), { recursive: true });
  writeFileSync(join(lake, "_commits", "school_year=2025", "20250101T000000Z-000000.ndjson"), "");
  return lake;
}
