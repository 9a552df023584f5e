// `npm run transform`: compile the Dataform project for DuckDB over a local lake, then run it.
import { statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { compileProject } from "./compile.js";
import type { CompiledGraph } from "./compiled-graph.js";
import { InputError } from "./errors.js";
import type { Selection } from "./graph-order.js";
import { runGraph, runTests, type RunOptions, type RunReport } from "./run-graph.js";

export interface TransformOptions extends Omit<RunOptions, "selection"> {
  /** The folder holding dataform.json (default: the current directory). */
  projectDir?: string;
  /** The lake folder the sources read (the extractor's LAKE_URI). */
  lake: string;
  /** `asOfDate` var: the day the AMT is computed for (YYYY-MM-DD; default: today, in the project). */
  asOf?: string;
  selection?: Selection;
  disableAssertions?: boolean;
  /** `amtCollections` var: "all", "none" or collection names joined by "," or "+" (the CLI splits vars on ","). */
  collections?: string;
}

/** The lake must be a local folder: DuckDB here has no cloud storage extension (no network). */
export function checkLake(lake: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(lake)) throw new InputError(`The DuckDB engine reads a local lake folder only, not ${lake}: copy the lake locally and pass --lake <dir>`);
  const path = resolve(lake);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new InputError(`Lake folder not found: ${path} (run npm run extract first, or pass --lake <dir> / set LAKE_URI)`);
  if (!statSync(resolve(path, "_commits"), { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`Lake ${path} has no committed extract (no _commits folder): run npm run extract first`);
  }
  return path;
}

/** The Dataform vars of a run; `--collections` may use "," (the CLI splits vars on it), so it becomes "+". */
export function compileVars(options: Pick<TransformOptions, "asOf" | "collections">, lakeUri: string): Record<string, string> {
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new InputError(`--as-of must be a date as YYYY-MM-DD, got "${options.asOf}"`);
  const collections = options.collections?.trim();
  if (collections === "") throw new InputError("--collections needs a value: all, none, or collection names such as rls,chrab");
  return {
    lakeUri,
    ...(options.asOf ? { asOfDate: options.asOf } : {}),
    ...(collections ? { amtCollections: collections.replace(/\s*[,+]\s*/g, "+") } : {}),
  };
}

/**
 * What the project is compiled with as `lakeUri` and as its default database: the lake folder and the
 * database name are bound into the compiled graph afterwards, so one compile (15-20 s of CPU, then
 * cached) serves every lake and every database file.
 */
export const LAKE_STAND_IN = "/edfi-amt-lake-stand-in";
export const DATABASE_STAND_IN = "edfi_amt_database_stand_in";

/** The graph with each stand-in replaced by its text (escaped for the JSON strings it lands in). */
function bindStandIns(graph: CompiledGraph, texts: Array<[standIn: string, text: string]>): CompiledGraph {
  const json = texts.reduce((bound, [standIn, text]) => bound.replaceAll(standIn, JSON.stringify(text).slice(1, -1)), JSON.stringify(graph));
  return JSON.parse(json) as CompiledGraph;
}

/**
 * The lake folder as it replaces its stand-in: on DuckDB the lake path appears only inside SQL string
 * literals (the sources' file globs), so it is escaped as one: quotes doubled.
 */
const lakeLiteral = (lake: string): [string, string] => [LAKE_STAND_IN, lake.replaceAll("'", "''")];

/** The graph with `lake` in place of the stand-in. */
export function bindLake(graph: CompiledGraph, lake: string): CompiledGraph {
  return bindStandIns(graph, [lakeLiteral(lake)]);
}

/**
 * The compiled graph for DuckDB, the sources reading `lakeUri` (checked by `checkLake` when it must
 * exist). DuckDB names a file's catalog after its base name (amt.duckdb → amt), which `--actions
 * amt.schema.name` selects by: that is the graph's database. The SQL rewrite drops the database part of
 * names (see sql-rewrite.ts).
 */
export async function compileFor(options: TransformOptions, lakeUri: string): Promise<CompiledGraph> {
  const graph = await compileProject({
    projectDir: resolve(options.projectDir ?? "."),
    vars: compileVars(options, LAKE_STAND_IN),
    defaultDatabase: DATABASE_STAND_IN,
    disableAssertions: options.disableAssertions,
  });
  return bindStandIns(graph, [lakeLiteral(lakeUri), [DATABASE_STAND_IN, basename(options.database, extname(options.database))]]);
}

/** Compiles and runs the actions; the lake is checked first and the database is only replaced by a good build. */
export async function transform(options: TransformOptions): Promise<RunReport> {
  const lake = checkLake(options.lake);
  return runGraph(await compileFor(options, lake), options);
}

/** Compiles and runs the unit tests (`dataform test`); they bring their own inputs, so the lake need not exist. */
export async function testProject(options: TransformOptions): Promise<RunReport> {
  return runTests(await compileFor(options, resolve(options.lake)), options);
}
