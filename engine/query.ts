// Read-only SQL on a built DuckDB file, and a plain-text table to print the result (`npm run query`, the demo).
import { existsSync } from "node:fs";
import { DuckDBTypeId, type DuckDBConnection } from "@duckdb/node-api";
import { withDatabase } from "./duckdb-sql.js";
import { InputError } from "./errors.js";

export interface QueryResult {
  columns: string[];
  /** Per column: whether DuckDB typed it as a number (right-aligned when printed). */
  numeric: boolean[];
  /** Cells as DuckDB's JSON rendering: numbers, strings, booleans, null, arrays and objects. */
  rows: unknown[][];
}

const T = DuckDBTypeId;
const NUMERIC = new Set([T.TINYINT, T.SMALLINT, T.INTEGER, T.BIGINT, T.HUGEINT, T.UTINYINT, T.USMALLINT, T.UINTEGER, T.UBIGINT, T.UHUGEINT, T.FLOAT, T.DOUBLE, T.DECIMAL]);

/** A query that DuckDB rejected (syntax, unknown table, a write on the read-only file). */
export class QueryError extends Error {}

/** Runs `sql` on `database` opened read-only, so a query never changes it and never blocks on a writer's WAL. */
export async function queryDatabase(database: string, sql: string): Promise<QueryResult> {
  // DuckDB would create a missing file, or fail on it with a bare IO error: name the file instead.
  if (!existsSync(database)) throw new InputError(`Database file not found: ${database} (build it with npm run demo or npm run transform, or pass --db <file>)`);
  return withDatabase(database, { access_mode: "READ_ONLY" }, (connection) => readResult(connection, sql));
}

/** The result of `sql` on an open connection; a query DuckDB rejects is a QueryError. */
export async function readResult(connection: DuckDBConnection, sql: string): Promise<QueryResult> {
  const reader = await connection.runAndReadAll(sql).catch((error: Error) => {
    throw new QueryError(error.message);
  });
  return { columns: reader.columnNames(), numeric: reader.columnTypes().map((type) => NUMERIC.has(type.typeId)), rows: reader.getRowsJson() };
}

const cellText = (value: unknown) => (value === null || value === undefined ? "NULL" : typeof value === "object" ? JSON.stringify(value) : String(value));

/**
 * The result as aligned text: a header, a rule, one line per row (numbers right-aligned, long cells cut
 * at `maxWidth` with "…"), at most `maxRows` rows, then the row count (`total` when the result holds
 * only the first rows of a larger one).
 */
export function formatTable(result: QueryResult, options: { maxRows?: number; maxWidth?: number; total?: number } = {}): string {
  const maxRows = options.maxRows ?? Infinity;
  const maxWidth = options.maxWidth ?? 40;
  const cut = (text: string) => (text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text);
  const shown = result.rows.slice(0, maxRows).map((row) => row.map((cell) => cut(cellText(cell))));
  const widths = result.columns.map((name, i) => Math.max(cut(name).length, ...shown.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (result.numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd();
  const total = options.total ?? result.rows.length;
  const footer = total > shown.length ? `(${total} rows, first ${shown.length} shown)` : `(${total} row${total === 1 ? "" : "s"})`;
  return [line(result.columns.map(cut)), widths.map((w) => "-".repeat(w)).join("  "), ...shown.map(line), footer].join("\n");
}
