// Dataform unit tests (`type: "test"`): the test query, with its inputs already inlined by the compiler,
// must return the expected rows as a multiset (order ignored, duplicates counted) under the same column names.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { UnitTest } from "./compiled-graph.js";
import { columnNames, count, quote, rows, subquery } from "./duckdb-sql.js";
import { toDuckDbSql } from "./sql-rewrite.js";

export type Row = Record<string, unknown>;

export type TestOutcome =
  | { passed: true }
  | { passed: false; reason: string; missing: { count: number; sample: Row[] }; unexpected: { count: number; sample: Row[] } };

const SAMPLE = 5;

async function difference(connection: DuckDBConnection, left: string, right: string) {
  const sql = `${left}\nEXCEPT ALL\n${right}`;
  const n = await count(connection, sql);
  // Most tests pass: the sample query only runs for a difference (a third fewer queries per test).
  return { count: n, sample: n === 0 ? [] : await rows(connection, `SELECT * FROM ${subquery(sql)} LIMIT ${SAMPLE}`) };
}

export async function runUnitTest(connection: DuckDBConnection, test: UnitTest): Promise<TestOutcome> {
  const actual = toDuckDbSql(test.testQuery);
  const expected = toDuckDbSql(test.expectedOutputQuery);
  const [actualColumns, expectedColumns] = await Promise.all([columnNames(connection, actual), columnNames(connection, expected)]);
  const none = { count: 0, sample: [] };
  if ([...actualColumns].sort().join("\n") !== [...expectedColumns].sort().join("\n")) {
    return { passed: false, reason: `columns differ: expected (${expectedColumns.join(", ")}), got (${actualColumns.join(", ")})`, missing: none, unexpected: none };
  }
  // EXCEPT ALL compares by position: select both sides in the same column order.
  const select = (sql: string) => `SELECT ${actualColumns.map(quote).join(", ")} FROM ${subquery(sql)}`;
  const missing = await difference(connection, select(expected), select(actual));
  const unexpected = await difference(connection, select(actual), select(expected));
  if (missing.count === 0 && unexpected.count === 0) return { passed: true };
  return { passed: false, reason: `${missing.count} expected row(s) missing, ${unexpected.count} unexpected row(s)`, missing, unexpected };
}

/** The failure as a few readable lines: the reason, then up to five missing and five unexpected rows. */
export function describeFailure(outcome: TestOutcome & { passed: false }): string {
  const lines = (label: string, part: { count: number; sample: Row[] }) => [
    ...part.sample.map((row) => `  ${`${label}:`.padEnd(11)} ${JSON.stringify(row)}`),
    ...(part.count > part.sample.length ? [`  … and ${part.count - part.sample.length} more ${label} row(s)`] : []),
  ];
  return [outcome.reason, ...lines("missing", outcome.missing), ...lines("unexpected", outcome.unexpected)].join("\n");
}
