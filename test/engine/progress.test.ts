import { PassThrough } from "node:stream";
import type { Notice } from "../../engine/notices.js";
import { jsonLinesProgress, ttyProgress, type ActionResult, type Progress } from "../../engine/progress.js";
import { summarize } from "../../engine/summary.js";

const results: ActionResult[] = [
  { name: "analytics.dim", kind: "table", fileName: "definitions/amt/dim.sqlx", status: "ok", seconds: 1.234 },
  { name: "edfi_assertions.dim_rows", kind: "assertion", fileName: "definitions/amt/dim.sqlx", status: "assertion-failed", seconds: 0.1, rows: 3 },
  { name: "analytics.fact", kind: "incremental", fileName: "definitions/amt/fact.sqlx", status: "skipped", seconds: 0, message: "skipped: depends on analytics.x, which failed" },
];

const first = { columns: ["ConstantName", "CodeValue"], numeric: [false, false], rows: [["AttendanceEvent.Absence", "Absent"]] };
const notices: Notice[] = [
  { level: "warning", name: "analytics_config.unmatched", rows: 21, first },
  { level: "report", name: "analytics_config.scopes", rows: 1, first },
];

function drive(progress: Progress) {
  progress.begin({ actions: 3, database: "amt.duckdb" });
  for (const result of results) {
    progress.start(result);
    progress.done(result);
  }
  notices.forEach((notice) => progress.notice(notice));
  progress.end();
}

const capture = () => {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { out, text: () => text };
};

describe("engine progress", () => {
  test("JSON lines: begin, then one event per action with its status and timing, then the warnings and reports with their first rows", () => {
    const { out, text } = capture();
    drive(jsonLinesProgress(out));
    const events = text().trim().split("\n").map((line) => JSON.parse(line));
    expect(events.map((e) => e.event)).toEqual(["begin", "action", "action", "action", "warning", "report"]);
    expect(events[1]).toMatchObject({ name: "analytics.dim", status: "ok", seconds: 1.234 });
    expect(events[2]).toMatchObject({ status: "assertion-failed", rows: 3 });
    expect(events[4]).toMatchObject({ name: "analytics_config.unmatched", rows: 21, first: [{ ConstantName: "AttendanceEvent.Absence", CodeValue: "Absent" }] });
  });

  test("terminal: a line per finished action with its time, the reason under failures, and a bar; then warnings and reports as tables", () => {
    const { out, text } = capture();
    drive(ttyProgress(out, { intervalMs: 0 }));
    expect(text()).toContain("✓ table       analytics.dim  1.23s");
    expect(text()).toContain("✗ assertion   edfi_assertions.dim_rows  0.10s  3 failing row(s)");
    expect(text()).toContain("    skipped: depends on analytics.x, which failed");
    expect(text()).toContain(`[${"#".repeat(24)}] 3/3`);
    expect(text()).toContain("! warning     analytics_config.unmatched\n    ConstantName             CodeValue\n");
    expect(text()).toContain("    AttendanceEvent.Absence  Absent\n    (21 rows, first 1 shown)\n");
    expect(text()).toContain("i report      analytics_config.scopes\n");
  });

  test("the summary counts statuses and lists what did not pass and what warned", () => {
    const summary = summarize({ results, committed: true, vacuumed: false, notices, seconds: 2 });
    expect(summary.line).toBe("1 ok, 0 failed, 1 assertion(s) failed, 1 skipped, 1 warning(s) in 2.0s");
    expect(summary.warnings).toEqual(["analytics_config.unmatched"]);
    expect(summary.rows).toEqual([
      { status: "assertion-failed", kind: "assertion", name: "edfi_assertions.dim_rows", file: "definitions/amt/dim.sqlx", rows: 3 },
      { status: "skipped", kind: "incremental", name: "analytics.fact", file: "definitions/amt/fact.sqlx" },
    ]);
  });
});
