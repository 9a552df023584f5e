// One action of the compiled graph as DuckDB statements. Dataform's JSON has no DDL: the engine builds
// CREATE / MERGE from the action's type, query and uniqueKey, as `dataform run` does on BigQuery.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Action, Target } from "./compiled-graph.js";
import { count, existingRelation, quote, relation } from "./duckdb-sql.js";
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
async function replaceable(connection: DuckDBConnection, target: Target, kind: "table" | "view"): Promise<void> {
  const existing = await existingRelation(connection, target);
  if (existing !== undefined && existing !== kind) await connection.run(`DROP ${existing.toUpperCase()} ${relation(target)}`);
}

async function createDataset(connection: DuckDBConnection, action: Action & { kind: "table" | "view" | "incremental" }): Promise<void> {
  const kind = action.kind === "view" ? "view" : "table";
  await runAll(connection, action.preOps);
  await replaceable(connection, action.target, kind);
  await connection.run(`CREATE OR REPLACE ${kind.toUpperCase()} ${relation(action.target)} AS\n${toDuckDbSql(action.query)}`);
  await runAll(connection, action.postOps);
}

/**
 * The increment into a temporary table, then MERGE on the unique key (NULL-safe, as BigQuery's MERGE in
 * Dataform) or a plain INSERT without one. Columns are matched by name: DuckDB's `UPDATE SET *` and
 * `INSERT *` match by position, which silently mixes columns when the increment orders them differently.
 */
async function mergeIncrement(connection: DuckDBConnection, action: Action & { kind: "incremental" }): Promise<void> {
  const target = relation(action.target);
  const increment = quote("_engine_increment");
  await runAll(connection, action.incrementalPreOps);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${increment} AS\n${toDuckDbSql(action.incrementalQuery)}`);
  if (action.uniqueKey.length === 0) {
    await connection.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${increment}`);
  } else {
    const columns = (await connection.runAndReadAll(`SELECT * FROM ${increment} LIMIT 0`)).columnNames().map(quote);
    const on = action.uniqueKey.map((key) => `t.${quote(key)} IS NOT DISTINCT FROM s.${quote(key)}`).join(" AND ");
    await connection.run(
      `MERGE INTO ${target} AS t USING ${increment} AS s ON ${on}\n` +
        `WHEN MATCHED THEN UPDATE SET ${columns.map((c) => `${c} = s.${c}`).join(", ")}\n` +
        `WHEN NOT MATCHED THEN INSERT BY NAME`,
    );
  }
  await connection.run(`DROP TABLE ${increment}`);
  await runAll(connection, action.incrementalPostOps);
}

async function execute(connection: DuckDBConnection, action: Action, fullRefresh: boolean): Promise<Outcome> {
  switch (action.kind) {
    case "operation":
      await runAll(connection, action.queries);
      return { status: "ok" };
    case "table":
    case "view":
      await createDataset(connection, action);
      return { status: "ok" };
    case "incremental":
      if (!fullRefresh && (await existingRelation(connection, action.target)) === "table") {
        await mergeIncrement(connection, action);
        return { status: "ok", detail: "merged" };
      }
      await createDataset(connection, action);
      return { status: "ok", detail: "rebuilt" };
    case "assertion": {
      // Kept as a view, so the failing rows can be looked at after the run.
      await createDataset(connection, { ...action, kind: "view", preOps: [], postOps: [] });
      const failing = await count(connection, `SELECT * FROM ${relation(action.target)}`);
      return failing === 0 ? { status: "ok" } : { status: "assertion-failed", rows: failing };
    }
  }
}

export async function executeAction(connection: DuckDBConnection, action: Action, options: { fullRefresh: boolean }): Promise<Outcome> {
  try {
    return await execute(connection, action, options.fullRefresh);
  } catch (error) {
    throw new ActionError(action, error);
  }
}

