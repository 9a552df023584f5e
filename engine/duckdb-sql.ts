// Small DuckDB helpers shared by the action executor, the unit-test runner and the query command.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { Target } from "./compiled-graph.js";

/**
 * `use` with a connection to the database at `path`; the connection and the instance are closed after,
 * whatever happens. An open connection keeps its database open: its file, and the address space DuckDB
 * reserves for it (about as much as its memory limit), which a later fork of the process then
 * cannot get (ENOMEM). The session's time zone is UTC, as BigQuery's: CURRENT_DATE, the default as-of
 * date, is then the same day on both engines, wherever the machine is.
 */
export async function withDatabase<T>(path: string, settings: Record<string, string>, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path, settings);
  try {
    const connection = await instance.connect();
    try {
      // A SET: as an instance setting, DuckDB would need its time zone extension before it loads it.
      await connection.run("SET TimeZone = 'UTC'");
      return await use(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

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

/** The columns of a query's result as `name type`, in order. */
export async function columnTypes(connection: DuckDBConnection, sql: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${subquery(sql)} LIMIT 0`);
  const types = reader.columnTypes();
  return reader.columnNames().map((name, i) => `${name} ${types[i].toString()}`);
}

export type RelationKind = "table" | "view";

/**
 * What exists under each name in the database: a table, a view, or nothing. Read once per run (the
 * catalog query costs about 9 ms, and a run asks before most of its ~470 actions); the run records each
 * action's target once the action committed. Sound because every action writes only its own target.
 */
export class Relations {
  private constructor(private readonly kinds: Map<string, RelationKind>) {}

  static async read(connection: DuckDBConnection): Promise<Relations> {
    const reader = await connection.runAndReadAll("SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_catalog = current_database()");
    const kinds = new Map<string, RelationKind>();
    for (const [schema, name, type] of reader.getRows()) kinds.set(relation({ schema: String(schema), name: String(name) }), type === "VIEW" ? "view" : "table");
    return new Relations(kinds);
  }

  kind(target: Target): RelationKind | undefined {
    return this.kinds.get(relation(target));
  }

  record(target: Target, kind: RelationKind): void {
    this.kinds.set(relation(target), kind);
  }
}
