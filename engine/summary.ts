// The end of a run: counts by status, one row per action or test that did not pass, and the relations
// that warned (engine/notices.ts).
import type { Status } from "./progress.js";
import type { RunReport } from "./run-graph.js";

export function summarize(report: RunReport) {
  const counts: Record<Status, number> = { ok: 0, failed: 0, "assertion-failed": 0, skipped: 0, disabled: 0 };
  for (const result of report.results) counts[result.status]++;
  const rows = report.results
    .filter((r) => r.status !== "ok" && r.status !== "disabled")
    .map((r) => ({ status: r.status, kind: r.kind, name: r.name, file: r.fileName, ...(r.rows !== undefined ? { rows: r.rows } : {}) }));
  const warnings = report.notices.filter((n) => n.level === "warning").map((n) => n.name);
  const line =
    `${counts.ok} ok, ${counts.failed} failed, ${counts["assertion-failed"]} assertion(s) failed, ${counts.skipped} skipped` +
    `${counts.disabled ? `, ${counts.disabled} disabled` : ""}${warnings.length ? `, ${warnings.length} warning(s)` : ""} in ${report.seconds.toFixed(1)}s`;
  return { counts, rows, line, warnings, seconds: Number(report.seconds.toFixed(3)), committed: report.committed, vacuumed: report.vacuumed };
}
