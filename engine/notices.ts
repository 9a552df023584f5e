// What a build asks the district to look at, read after it commits (README "Warnings and reports"):
// the rows of the relations it built that the project tags `warnings` (each row a problem: a descriptor
// mapping rule that maps nothing, letter grades without a translation; none, no warning) or `report`
// (logged on every run: the effective RLS scope list). Dataform has no warning level, and an assertion
// would fail the run: on BigQuery these relations are there to be queried.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Action } from "./compiled-graph.js";
import { count, relation } from "./duckdb-sql.js";
import { readResult, type QueryResult } from "./query.js";

export type NoticeLevel = "warning" | "report";

const LEVEL_OF_TAG: Record<string, NoticeLevel> = { warnings: "warning", report: "report" };

/** Rows shown per notice; the count says how many there are. */
const SHOWN_ROWS = 20;

export interface Notice {
  level: NoticeLevel;
  /** The relation, `schema.name`. */
  name: string;
  rows: number;
  /** Its first rows (SHOWN_ROWS), in the order of their columns' values. */
  first: QueryResult;
}

/** The notices of the `built` actions (tables and views), in their order; warnings only when they have rows. */
export async function readNotices(connection: DuckDBConnection, built: Action[]): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const action of built) {
    const level = action.tags.map((tag) => LEVEL_OF_TAG[tag]).find(Boolean);
    if (!level || action.kind === "operation" || action.kind === "assertion") continue;
    const from = relation(action.target);
    const rows = await count(connection, `SELECT * FROM ${from}`);
    if (level === "warning" && rows === 0) continue;
    notices.push({ level, name: action.name, rows, first: await readResult(connection, `SELECT * FROM ${from} ORDER BY ALL LIMIT ${SHOWN_ROWS}`) });
  }
  return notices;
}
