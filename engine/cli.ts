// `npm run transform -- [options]` builds the AMT on DuckDB; `npm run transform -- test` runs the unit tests.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { loadEnvironment } from "../lib/env.js";
import { printSummary } from "../lib/progress.js";
import { CompileError, InputError } from "./errors.js";
import { jsonLinesProgress, ttyProgress } from "./progress.js";
import { succeeded } from "./run-graph.js";
import { summarize } from "./summary.js";
import { testProject, transform } from "./transform.js";

const list = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

const parser = yargs(hideBin(process.argv))
  .scriptName("npm run transform --")
  .usage("$0 [options]\n$0 test [options]\n\nCompile the Dataform project for DuckDB and run it over the local lake into a DuckDB file.")
  .option("lake", { type: "string", describe: "Lake folder (LAKE_URI, default ./lake)" })
  .option("db", { type: "string", default: "./amt.duckdb", describe: "DuckDB file to build; changed only by a run with no failed action" })
  .option("as-of", { type: "string", describe: "Compute the AMT as of this date, YYYY-MM-DD (default today)" })
  .option("full-refresh", { type: "boolean", default: false, describe: "Rebuild incremental tables from scratch" })
  .option("actions", { type: "string", describe: "Comma-separated actions to run: name or schema.name" })
  .option("tags", { type: "string", describe: "Comma-separated tags: run the actions with any of them" })
  .option("include-deps", { type: "boolean", default: false, describe: "Also run the dependencies of the selected actions" })
  .option("threads", { type: "number", describe: "DuckDB threads per query (default: one per core)" })
  .option("collections", { type: "string", describe: 'Optional AMT collections to build: all (default), none, or names joined by "," or "+" (rls, chrab, ews, asmt, equity)' })
  .option("disable-assertions", { type: "boolean", default: false, describe: "Leave assertions out (as dataform's own flag): build only" })
  .command("$0", "compile and run the actions (default)")
  .command("test", "compile and run the Dataform unit tests (type: \"test\") only")
  .strict()
  .version(false)
  .help();

try {
  const argv = await parser.parseAsync();
  if (argv.threads !== undefined && !(Number.isInteger(argv.threads) && argv.threads >= 1)) throw new InputError(`--threads must be a positive integer, got ${argv.threads}`);
  const tty = Boolean(process.stdout.isTTY);
  const options = {
    lake: argv.lake ?? loadEnvironment(process.env).LAKE_URI ?? "./lake",
    database: argv.db,
    asOf: argv["as-of"],
    collections: argv.collections,
    fullRefresh: argv["full-refresh"],
    selection: { actions: list(argv.actions), tags: list(argv.tags), includeDeps: argv["include-deps"] },
    threads: argv.threads,
    disableAssertions: argv["disable-assertions"],
    progress: tty ? ttyProgress(process.stdout) : jsonLinesProgress(process.stdout),
  };
  const report = argv._[0] === "test" ? await testProject(options) : await transform(options);
  const summary = summarize(report);
  printSummary(summary.rows, tty, { counts: summary.counts, warnings: summary.warnings, seconds: summary.seconds, committed: summary.committed, vacuumed: summary.vacuumed });
  const updated = `; ${options.database} updated${summary.vacuumed ? " and vacuumed" : ""}`;
  const outcome = argv._[0] === "test" ? "" : summary.committed ? updated : `; ${options.database} left as it was`;
  console.error(`${summary.line}${outcome}`);
  process.exit(succeeded(report) ? 0 : 1);
} catch (error) {
  const message = (error as Error).message;
  if (error instanceof InputError) {
    console.error(message);
    process.exit(2);
  }
  console.error(error instanceof CompileError ? message : `transform failed: ${message}`);
  process.exit(1);
}
