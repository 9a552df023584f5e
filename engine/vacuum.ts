// When a build vacuums. The engine's checkpoints do not vacuum by default (see run-graph.ts), so every
// build's appends stay a row group of their own and deleted rows stay stored: after 120 nightly builds
// of a 2,000-student district, each staging table had 120 row groups and 2.5 times its live rows, the
// file had grown to 1.7 GB and an incremental build took 5.5 s instead of 2.5 s. Vacuuming at every
// build costs a 1% increment at 100,000 students a fifth more time (5.4–5.6 s against 4.3–4.6 s), so
// every VACUUM_EVERY-th build vacuums, as DuckDB would at each checkpoint: in the tables it changes,
// row groups that lost rows are merged where that saves a row group, and their deleted rows dropped.
// Builds are counted in a table of the database.
import type { DuckDBConnection } from "@duckdb/node-api";
import { relation, type Relations } from "./duckdb-sql.js";

/** One build in VACUUM_EVERY vacuums. */
const VACUUM_EVERY = 8;

/** Every committed build: its number, when its (last) transaction began and whether it vacuumed (a new file counts as vacuumed). */
const BUILDS = { schema: "main", name: "_engine_builds" };
const builds = relation(BUILDS);

/** DuckDB's default `max_vacuum_tasks`. */
const DUCKDB_VACUUM_TASKS = 100;

/**
 * Whether the build about to run on an existing file is due to vacuum: VACUUM_EVERY - 1 committed builds
 * since the last one that vacuumed. If so, vacuuming is turned on for its checkpoints. (A file from
 * before the count starts counting now.)
 */
export async function vacuumIfDue(connection: DuckDBConnection, relations: Relations): Promise<boolean> {
  if (relations.kind(BUILDS) !== "table") return false;
  const counted = connection.runAndReadAll(`SELECT max(build) - COALESCE(max(build) FILTER (WHERE vacuumed), 0) FROM ${builds}`);
  const [[since]] = (
    await counted.catch((error: Error) => {
      throw new Error(`${builds} is not the engine's count of builds (build, built_at, vacuumed): drop it and build again (${error.message})`);
    })
  ).getRows();
  const due = Number(since) >= VACUUM_EVERY - 1;
  if (due) await connection.run(`SET max_vacuum_tasks = ${DUCKDB_VACUUM_TASKS}`);
  return due;
}

/** Records a build in its transaction, so that only a committed build counts. */
export async function recordBuild(connection: DuckDBConnection, vacuumed: boolean): Promise<void> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS ${builds} (build BIGINT, built_at TIMESTAMPTZ, vacuumed BOOLEAN);
INSERT INTO ${builds} SELECT COALESCE(max(build), 0) + 1, current_timestamp, ${vacuumed} FROM ${builds}`,
  );
}
