// One action of the compiled graph as DuckDB statements. Dataform's JSON has no DDL: the engine builds
// CREATE / MERGE from the action's type, query and uniqueKey, as `dataform run` does on BigQuery.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Action, Target } from "./compiled-graph.js";
import { columnTypes, count, quote, relation, type RelationKind, type Relations } from "./duckdb-sql.js";
import { toDuckDbSql } from "./sql-rewrite.js";

export type Outcome = { status: "ok"; detail?: string } | { status: "assertion-failed"; rows: number };

/** A failed statement, named by action and file; DuckDB's message usually names the lake file it choked on. */
export class ActionError extends Error {
  constructor(
    readonly action: Action,
    cause: unknown,
  ) {
    super(`${action.kind} ${action.name}${action.fileName ? ` (${action.fileName})` : ""}: ${(cause as Error).message ?? String(cause)}`, { cause });
  }
}

async function runAll(connection: DuckDBConnection, statements: string[]): Promise<void> {
  for (const sql of statements) await connection.run(toDuckDbSql(sql));
}

/** CREATE OR REPLACE cannot turn a view into a table or back: drop the other kind first. */
async function replaceable(connection: DuckDBConnection, relations: Relations, target: Target, kind: RelationKind): Promise<void> {
  const existing = relations.kind(target);
  if (existing !== undefined && existing !== kind) await connection.run(`DROP ${existing.toUpperCase()} ${relation(target)}`);
}

async function createDataset(connection: DuckDBConnection, relations: Relations, action: Action & { kind: "table" | "view" | "incremental" }): Promise<void> {
  const kind = createdKind(action.kind)!;
  await runAll(connection, action.preOps);
  await replaceable(connection, relations, action.target, kind);
  await connection.run(`CREATE OR REPLACE ${kind.toUpperCase()} ${relation(action.target)} AS\n${toDuckDbSql(action.query)}`);
  await runAll(connection, action.postOps);
}

/**
 * The increment into a temporary table, then BigQuery's MERGE on the unique key (Dataform's incremental
 * with `uniqueKey`: matched rows replaced, new rows inserted, keys compared NULL-safely), or a plain
 * INSERT without one. On DuckDB replacing a row is cheaper as a delete and an insert than as an UPDATE
 * of every column (which rewrites each column's segments wherever the rows lie): same rows, as
 * MERGE refuses an increment with a key twice, and so does this. Columns are matched by name.
 * An increment whose columns (names or types) are not the table's, as after an upgrade that changed
 * the model, cannot be merged: the table is rebuilt instead, as --full-refresh would. Returns whether
 * it merged.
 */
async function mergeIncrement(connection: DuckDBConnection, relations: Relations, action: Action & { kind: "incremental" }): Promise<boolean> {
  const target = relation(action.target);
  const increment = quote("_engine_increment");
  await runAll(connection, action.incrementalPreOps);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${increment} AS\n${toDuckDbSql(action.incrementalQuery)}`);
  const columns = async (table: string) => (await columnTypes(connection, `FROM ${table}`)).sort().join();
  if ((await columns(increment)) !== (await columns(target))) {
    await connection.run(`DROP TABLE ${increment}`);
    await createDataset(connection, relations, action);
    return false;
  }
  if (action.uniqueKey.length > 0) {
    const keys = action.uniqueKey.map(quote);
    const repeated = await count(connection, `SELECT ${keys.join(", ")} FROM ${increment} GROUP BY ALL HAVING count(*) > 1`);
    if (repeated > 0) throw new Error(`the increment has ${repeated} unique key value(s) (${action.uniqueKey.join(", ")}) more than once; MERGE needs one row per key`);
    const matches = keys.map((key) => `t.${key} IS NOT DISTINCT FROM s.${key}`).join(" AND ");
    await connection.run(`DELETE FROM ${target} AS t WHERE EXISTS (SELECT 1 FROM ${increment} AS s WHERE ${matches})`);
  }
  await connection.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${increment}`);
  await connection.run(`DROP TABLE ${increment}`);
  await runAll(connection, action.incrementalPostOps);
  return true;
}

/** What an action leaves under its target name (an operation: whatever its SQL makes). */
function createdKind(kind: Action["kind"]): RelationKind | undefined {
  return kind === "table" || kind === "incremental" ? "table" : kind === "view" || kind === "assertion" ? "view" : undefined;
}

async function execute(connection: DuckDBConnection, relations: Relations, action: Action, fullRefresh: boolean): Promise<Outcome> {
  switch (action.kind) {
    case "operation":
      await runAll(connection, action.queries);
      return { status: "ok" };
    case "table":
    case "view":
      await createDataset(connection, relations, action);
      return { status: "ok" };
    case "incremental":
      if (!fullRefresh && relations.kind(action.target) === "table") {
        const merged = await mergeIncrement(connection, relations, action);
        return { status: "ok", detail: merged ? "merged" : "rebuilt: its columns changed" };
      }
      await createDataset(connection, relations, action);
      return { status: "ok", detail: "rebuilt" };
    case "assertion": {
      // Kept as a view, so the failing rows can be looked at after the run.
      await createDataset(connection, relations, { ...action, kind: "view", preOps: [], postOps: [] });
      const failing = await count(connection, `SELECT * FROM ${relation(action.target)}`);
      return failing === 0 ? { status: "ok" } : { status: "assertion-failed", rows: failing };
    }
  }
}

/** One action, inside the build's transaction (see run-graph.ts); the relation it made is recorded. */
export async function executeAction(connection: DuckDBConnection, action: Action, options: { fullRefresh: boolean; relations: Relations }): Promise<Outcome> {
  try {
    const outcome = await execute(connection, options.relations, action, options.fullRefresh);
    const kind = createdKind(action.kind);
    if (kind) options.relations.record(action.target, kind);
    return outcome;
  } catch (error) {
    throw new ActionError(action, error);
  }
}
