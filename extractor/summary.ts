// The end-of-run table: one row per school year and resource.
import type { Manifest } from "./state.js";

export function summaryRows(manifest: Manifest) {
  return manifest.years.flatMap((year) =>
    year.resources.map((r) => ({
      year: year.schoolYear,
      resource: r.resource,
      mode: r.full ? "full" : "incremental",
      records: r.landed,
      expected: r.expected,
      deletes: r.deletes,
      keyChanges: r.keyChanges,
      files: r.files.length,
      seconds: Number(r.seconds.toFixed(1)),
      ...(r.mismatch ? { mismatch: r.mismatch } : {}),
    })),
  );
}
