// Executes a compiled Dataform graph on a DuckDB file: `runGraph` for the actions, `runTests` for the
// unit tests. Programmatic entry points for the CLI, the tests and the demo.
import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { actionsOf, type Action, type CompiledGraph } from "./compiled-graph.js";
import { quote, Relations, withDatabase } from "./duckdb-sql.js";
import { executeAction } from "./execute-action.js";
import { dependencyOrder, selectActions, type Selection } from "./graph-order.js";
import { readNotices, type Notice } from "./notices.js";
import { silentProgress, type ActionResult, type Progress } from "./progress.js";
import { describeFailure, runUnitTest } from "./unit-tests.js";
import { recordBuild, vacuumIfDue } from "./vacuum.js";

export interface RunOptions {
  /** The DuckDB file to build or update; created if missing. */
  database: string;
  fullRefresh?: boolean;
  selection?: Selection;
  /** DuckDB threads per query (its `threads` setting); default: one per core. */
  threads?: number;
  progress?: Progress;
}

export interface RunReport {
  results: ActionResult[];
  /** Whether this run's build was committed to the database file (false when an action failed). */
  committed: boolean;
  /** Whether the build's checkpoint vacuumed (engine/vacuum.ts). */
  vacuumed: boolean;
  /** Warnings and reports of the committed build (engine/notices.ts). */
  notices: Notice[];
  seconds: number;
}

/** True when every action and test passed (nothing failed, no assertion found rows). */
export const succeeded = (report: RunReport) => report.results.every((r) => r.status !== "failed" && r.status !== "assertion-failed");

const elapsed = (started: number) => (performance.now() - started) / 1000;

/** The oldest DuckDB storage format the engine writes (see runActions). */
export const STORAGE_VERSION = "v1.3.0";

/** Share of the memory limit the block allocator may keep (see runActions). */
const BLOCK_ALLOCATOR_MEMORY = "50%";

/**
 * The actions in order, one at a time (a transaction belongs to one connection: the parallelism is
 * DuckDB's, up to `threads` per query). The first action that fails is rolled back and the rest are
 * skipped. With `commitEach` every action commits on its own (for a new file, which nobody reads until
 * it is complete); otherwise the whole build is one transaction, committed only if nothing failed.
 */
async function runActions(path: string, actions: Action[], options: RunOptions, progress: Progress, commitEach: boolean): Promise<Omit<RunReport, "seconds">> {
  // Tables are sets: without keeping the insertion order, DuckDB writes a CREATE TABLE AS in parallel and
  // with less memory (a staging build takes about a quarter less time).
  // No vacuum at checkpoints unless the build is due one (engine/vacuum.ts): after an incremental build
  // DuckDB would merge and rewrite the row groups that lost rows to the increment's deletes.
  // Storage format 1.3 or later: DuckDB's default writes the 0.10 format, whose strings are compressed
  // by analysing dictionary and FSST encodings apart; the newer format's combined DICT_FSST writes a
  // staging table's strings with a quarter to a third less CPU (full staging builds 7% faster). Files
  // written this way need DuckDB 1.3 or later to be read; older files are still read and updated.
  // jemalloc's background thread returns freed memory to the OS, which the query threads otherwise do
  // themselves as they allocate: staging builds take about 4% less time, full and incremental alike.
  const settings = {
    preserve_insertion_order: "false",
    max_vacuum_tasks: "0",
    storage_compatibility_version: STORAGE_VERSION,
    allocator_background_threads: "true",
    ...(options.threads ? { threads: String(options.threads) } : {}),
  };
  return withDatabase(path, settings, async (connection) => {
    // Freed buffer blocks are kept for reuse rather than handed back to the OS, which the next query then
    // faults in again, page by page: a full staging build faulted in 12 GB for a 4.5 GB peak. Kept, the
    // kernel's share of a whole-graph build halves and the build takes 7% less time, for about 1 GB more
    // peak RSS at 100,000 students. (A SET: as a percentage among the instance's settings, DuckDB 1.5 aborts.)
    await connection.run(`SET block_allocator_memory = '${BLOCK_ALLOCATOR_MEMORY}'`);
    const schemas = [...new Set(actions.map((a) => a.target.schema))];
    await connection.run(schemas.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${quote(schema)};`).join("\n"));
    const relations = await Relations.read(connection);
    const vacuumed = !commitEach && (await vacuumIfDue(connection, relations));
    const results: ActionResult[] = [];
    const report = (result: ActionResult) => {
      results.push(result);
      progress.done(result);
    };
    const describe = (action: Action) => ({ name: action.name, kind: action.kind, fileName: action.fileName });
    let failed: string | undefined;
    await connection.run("BEGIN TRANSACTION");
    for (const action of actions) {
      if (action.disabled) report({ ...describe(action), status: "disabled", seconds: 0 });
      else if (failed) report({ ...describe(action), status: "skipped", seconds: 0, message: `skipped: ${failed} failed, so the build stopped and nothing was written` });
      else {
        progress.start(describe(action));
        const started = performance.now();
        try {
          const outcome = await executeAction(connection, action, { fullRefresh: options.fullRefresh ?? false, relations });
          if (commitEach) await connection.run("COMMIT; BEGIN TRANSACTION");
          // A failing assertion reports data quality; the build goes on.
          if (outcome.status === "ok") report({ ...describe(action), status: "ok", seconds: elapsed(started), ...(outcome.detail ? { detail: outcome.detail } : {}) });
          else report({ ...describe(action), status: "assertion-failed", seconds: elapsed(started), rows: outcome.rows });
        } catch (error) {
          report({ ...describe(action), status: "failed", seconds: elapsed(started), message: (error as Error).message });
          failed = action.name;
          // DuckDB aborts a transaction at its first error; after a failed COMMIT there is none left.
          await connection.run("ROLLBACK").catch(() => undefined);
        }
      }
    }
    if (failed) return { results, committed: false, vacuumed, notices: [] };
    // A new file's tables are written whole, as compact as a vacuum leaves them: the count starts there.
    await recordBuild(connection, vacuumed || commitEach);
    await connection.run("COMMIT");
    await connection.run("CHECKPOINT");
    const built = new Set(results.filter((r) => r.status === "ok").map((r) => r.name));
    const notices = await readNotices(connection, actions.filter((a) => built.has(a.name)));
    notices.forEach((notice) => progress.notice(notice));
    return { results, committed: true, vacuumed, notices };
  });
}

/**
 * Runs the graph's actions (all, or the selection) in dependency order; the database changes only if
 * none failed. An existing file is updated in one transaction: a failure, a crash or Ctrl-C leaves it as
 * it was (DuckDB replays only committed transactions from its WAL). A new file is built as
 * `<db>.building`, an action per transaction (a single one holds every table it wrote in memory until the
 * end: a whole-graph build takes a tenth longer and a fifth more memory), and renamed when complete.
 * Failing assertions do not stop the run or the commit: they are reported, and `succeeded` is false.
 */
export async function runGraph(graph: CompiledGraph, options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  // Selection and cycles are checked before the database is touched.
  const actions = dependencyOrder(selectActions(actionsOf(graph), options.selection ?? { actions: [], tags: [], includeDeps: false }));
  progress.begin({ actions: actions.length, database: options.database });
  let run: Omit<RunReport, "seconds">;
  if (existsSync(options.database)) run = await runActions(options.database, actions, options, progress, false);
  else {
    const building = `${options.database}.building`;
    await removeDatabase(building); // left by a killed run
    let renamed = false;
    try {
      run = await runActions(building, actions, options, progress, true);
      if (run.committed) await rename(building, options.database);
      renamed = run.committed;
    } finally {
      if (!renamed) await removeDatabase(building);
    }
  }
  progress.end();
  return { ...run, seconds: elapsed(started) };
}

/** A database file and the WAL DuckDB keeps beside it. */
async function removeDatabase(path: string): Promise<void> {
  await Promise.all([rm(path, { force: true }), rm(`${path}.wal`, { force: true })]);
}

/**
 * Runs the graph's unit tests, like `dataform test`. Inputs are inlined in each test query, so an
 * in-memory database is enough; an existing database file is opened read-only for queries that
 * read tables the test does not replace.
 */
export async function runTests(graph: CompiledGraph, options: Pick<RunOptions, "database" | "progress">): Promise<RunReport> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  progress.begin({ actions: graph.tests.length, database: options.database });
  const [path, settings] = existsSync(options.database) ? [options.database, { access_mode: "READ_ONLY" }] : [":memory:", {}];
  const results: ActionResult[] = [];
  await withDatabase(path, settings, async (connection) => {
    for (const test of graph.tests) {
      const testStarted = performance.now();
      progress.start({ name: test.name, kind: "test" });
      const result: ActionResult = { name: test.name, kind: "test", fileName: test.fileName, status: "ok", seconds: 0 };
      try {
        const outcome = await runUnitTest(connection, test);
        if (!outcome.passed) Object.assign(result, { status: "failed", message: describeFailure(outcome) });
      } catch (error) {
        Object.assign(result, { status: "failed", message: (error as Error).message });
      }
      result.seconds = elapsed(testStarted);
      results.push(result);
      progress.done(result);
    }
  });
  progress.end();
  return { results, committed: false, vacuumed: false, notices: [], seconds: elapsed(started) };
}
