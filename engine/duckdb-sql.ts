// Small DuckDB helpers shared by the action executor and the unit-test runner.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Target } from "./compiled-graph.js";

export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** `"schema"."name"`: two parts, like the rewritten SQL (see sql-rewrite.ts). */
export const relation = (target: Target) => `${quote(target.schema)}.${quote(target.name)}`;

/** A query as a subquery; the newline keeps a trailing `-- comment` from swallowing the parenthesis. */
export const subquery = (sql: string) => `(\n${sql}\n)`;

export async function rows(connection: DuckDBConnection, sql: string) {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson();
}

export async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(`SELECT count(*) FROM ${subquery(sql)}`)).getRows()[0][0]);
}

export async function columnNames(connection: DuckDBConnection, sql: string): Promise<string[]> {
  return (await connection.runAndReadAll(`SELECT * FROM ${subquery(sql)} LIMIT 0`)).columnNames();
}

/** What exists under a target's name in the open database: a table, a view, or nothing. */
export async function existingRelation(connection: DuckDBConnection, target: Target): Promise<"table" | "view" | undefined> {
  const reader = await connection.runAndReadAll(
    "SELECT table_type FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = $schema AND table_name = $name",
    { schema: target.schema, name: target.name },
  );
  const type = reader.getRows()[0]?.[0];
  return type === undefined ? undefined : type === "VIEW" ? "view" : "table";
}
