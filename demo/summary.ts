// The demo's closing summary: rows per AMT view, assertion and unit-test results, time per phase, and
// where the lake and the database are with the commands that read them.
import { relative } from "node:path";
import type { ActionResult } from "../engine/progress.js";
import { formatTable, type QueryResult } from "../engine/query.js";
import type { RunReport } from "../engine/run-graph.js";

export const PHASES = ["simulator", "extract", "compile", "build", "unit tests", "summary"];
const NOTES: Record<string, string> = { compile: " during the extract" };

export interface DemoOutcome {
  build: RunReport;
  tests: RunReport;
  /** `view`, `rows` per table of the analytics schema. */
  views: QueryResult;
  /** Seconds per phase (PHASES; the compile overlaps the extract). */
  phases: [name: string, seconds: number][];
  /** Wall time of the whole demo. */
  seconds: number;
  lake: string;
  database: string;
  /** The asOfDate the AMT was computed for. */
  asOf: string;
}

/** The SQL listing every table of a schema with its row count (exact: the files are small). */
export function rowCountsSql(tables: string[], schema: string): string {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const literal = (name: string) => `'${name.replaceAll("'", "''")}'`;
  return tables.map((t) => `SELECT ${literal(t)} AS "view", count(*) AS "rows" FROM ${quote(schema)}.${quote(t)}`).join("\nUNION ALL ") + '\nORDER BY "view"';
}

function tally(results: ActionResult[]) {
  const count = (...statuses: ActionResult["status"][]) => results.filter((r) => statuses.includes(r.status)).length;
  return { passed: count("ok"), failed: count("failed", "assertion-failed"), skipped: count("skipped"), names: results.filter((r) => r.status === "failed" || r.status === "assertion-failed").map((r) => r.name) };
}

function resultLine(label: string, results: ActionResult[]): string[] {
  const t = tally(results);
  const skipped = t.skipped ? `, ${t.skipped} skipped (a dependency failed)` : "";
  const failing = t.names.slice(0, 10).map((name) => `    failed: ${name}`);
  return [`${label}: ${t.passed} passed, ${t.failed} failed${skipped}`, ...failing, ...(t.names.length > 10 ? [`    … and ${t.names.length - 10} more`] : [])];
}

/** The relations that warned (engine/notices.ts), whose rows the build's progress showed. */
function warningLine(build: RunReport): string {
  const warnings = build.notices.filter((n) => n.level === "warning").map((n) => `${n.name} (${n.rows} rows)`);
  return `Warnings: ${warnings.length ? `${warnings.join(", ")}, shown above` : "none"}`;
}

/** A path as the user would type it from the current directory. */
const shown = (path: string) => (relative(process.cwd(), path).startsWith("..") ? path : `./${relative(process.cwd(), path)}`);

export function demoSummary(outcome: DemoOutcome): string {
  const actions = outcome.build.results.filter((r) => r.kind !== "assertion");
  const db = shown(outcome.database);
  const dbFlag = db === "./amt.duckdb" ? "" : ` --db ${db}`;
  return [
    "",
    `AMT views (schema analytics), rows as of ${outcome.asOf}:`,
    formatTable(outcome.views, { maxWidth: 64 }).replace(/^/gm, "  "),
    "",
    ...resultLine("Actions", actions),
    ...resultLine("Assertions", outcome.build.results.filter((r) => r.kind === "assertion")),
    ...resultLine("Unit tests", outcome.tests.results),
    warningLine(outcome.build),
    `Time: ${outcome.seconds.toFixed(1)}s (${outcome.phases.map(([name, seconds]) => `${name} ${seconds.toFixed(1)}s${NOTES[name] ?? ""}`).join(", ")})`,
    "",
    `Lake:     ${shown(outcome.lake)}  (npm run extract -- status --lake ${shown(outcome.lake)})`,
    `Database: ${db}${outcome.build.committed ? "" : "  (not updated: an action failed, see above)"}`,
    `Query it: npm run query -- 'SELECT * FROM analytics."StudentSchoolDim" LIMIT 5'${dbFlag}`,
    `          npm run query -- "SELECT table_schema, count(*) AS tables FROM information_schema.tables GROUP BY 1"${dbFlag}`,
    `Run npm run demo again for an incremental extract and build.`,
  ].join("\n");
}
