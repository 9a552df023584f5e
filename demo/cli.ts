// `npm run demo`: the whole job on a laptop, with nothing to configure. Serves a synthetic district from
// the simulator, extracts it into a local lake (`npm run extract`) and builds staging and the AMT on
// DuckDB (`npm run transform`), each as the user would run it, then shows what was built.
import { DuckDBInstance } from "@duckdb/node-api";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { spawnSimulator } from "../simulator/spawn.js";

const argv = await yargs(hideBin(process.argv))
  .scriptName("npm run demo --")
  .usage("$0 [options]\n\nSimulator → npm run extract → npm run transform, into a local lake and a DuckDB file.")
  .option("students", { type: "number", default: 1000, describe: "Size of the simulated district" })
  .option("lake", { type: "string", default: "./lake", describe: "Lake folder" })
  .option("db", { type: "string", default: "./amt.duckdb", describe: "DuckDB file to build" })
  .strict()
  .version(false)
  .help()
  .parseAsync();

function npmRun(script: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const child = spawn("npm", ["run", "-s", script, "--", ...args], { stdio: "inherit", env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} exited with ${code}`))));
  });
}

/** Rows per built table of the staging and analytics schemas. */
async function tableCounts(database: string) {
  const instance = await DuckDBInstance.create(database, { access_mode: "READ_ONLY" });
  const connection = await instance.connect();
  try {
    const tables = (await connection.runAndReadAll(
      "SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE schema_name IN ('edfi_staging', 'analytics') ORDER BY schema_name, table_name",
    )).getRowObjectsJson();
    return tables.map((t) => ({ schema: String(t.schema_name), table: String(t.table_name), rows: Number(t.estimated_size) }));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const simulator = await spawnSimulator(["--students", String(argv.students)]);
try {
  console.error(`Simulator: ${argv.students} students at ${simulator.url}`);
  await npmRun("extract", ["--lake", argv.lake], {
    EDFI_API_BASE_URL: simulator.url,
    EDFI_CLIENT_ID: "edfi-sim-key",
    EDFI_CLIENT_SECRET: "edfi-sim-secret",
    EDFI_SCHOOL_YEARS: "2025",
  });
  await npmRun("transform", ["--lake", argv.lake, "--db", argv.db]);
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await simulator.stop();
}
if (process.exitCode !== 1 && existsSync(argv.db)) {
  const counts = await tableCounts(argv.db);
  const bySchema = (schema: string) => counts.filter((c) => c.schema === schema);
  console.error(`\nBuilt ${argv.db}: ${bySchema("edfi_staging").length} staging tables, ${bySchema("analytics").length} AMT tables.`);
  console.table(counts.filter((c) => c.schema === "analytics" || !c.table.includes("__")).map(({ schema, table, rows }) => ({ table: `${schema}.${table}`, rows })));
  console.error(`Query it with DuckDB, e.g. SELECT * FROM analytics."StudentSchoolDim" LIMIT 10; re-run npm run extract / transform to refresh.`);
}
