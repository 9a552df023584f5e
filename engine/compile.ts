// `dataform compile --json` for the DuckDB engine: the project's own CLI, vars for the local lake.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { CompiledGraph } from "./compiled-graph.js";
import { CompileError, InputError } from "./errors.js";

export interface CompileOptions {
  projectDir: string;
  /** Merged over dataform.json's vars; `engine=duckdb` is always set. */
  vars: Record<string, string>;
  /** Only cosmetic here (names in the compiled JSON): the SQL rewrite drops the database part. */
  defaultDatabase: string;
  /** Dataform's own --disable-assertions: built-in and declared assertions are left out of the graph. */
  disableAssertions?: boolean;
}

const COMPILE_TIMEOUT = "--timeout=10m";

/** The CLI arguments; it splits --vars on `,` and `=`, so values holding either cannot be passed. */
export function compileArgs(options: CompileOptions): string[] {
  const vars = { ...options.vars, engine: "duckdb" };
  for (const [name, value] of Object.entries(vars)) {
    if (/[,=]/.test(value)) throw new InputError(`Dataform var ${name} cannot contain "," or "=" (the CLI splits --vars on them): ${value}`);
  }
  const pairs = Object.entries(vars).map(([name, value]) => `${name}=${value}`);
  // The CLI's own limit is 60 s; a busy 2-core machine (CI, a demo beside an extract) takes longer.
  const args = ["compile", options.projectDir, "--json", `--vars=${pairs.join(",")}`, `--default-database=${options.defaultDatabase}`, COMPILE_TIMEOUT];
  return options.disableAssertions ? [...args, "--disable-assertions"] : args;
}

/** The compiled graph from the CLI's stdout; graph errors become one CompileError naming each file. */
export function parseCompiled(stdout: string): CompiledGraph {
  const parsed = CompiledGraph.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new CompileError(`Unexpected output of dataform compile --json: ${parsed.error.message}`);
  const errors = parsed.data.graphErrors.compilationErrors;
  if (errors.length > 0) throw new CompileError(`Dataform compilation failed:\n${errors.map((e) => `  ${e.fileName || "(project)"}: ${e.message}`).join("\n")}`);
  return parsed.data;
}

export async function compileProject(options: CompileOptions): Promise<CompiledGraph> {
  // The CLI of the project itself: Dataform needs a real node_modules inside the project folder anyway.
  const cli = join(options.projectDir, "node_modules", ".bin", "dataform");
  const run = await promisify(execFile)(cli, compileArgs(options), { maxBuffer: 1 << 30 }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    // A project with compilation errors still prints its JSON (with graphErrors) before exiting 1.
    if (error.stdout?.trimStart().startsWith("{")) return { stdout: error.stdout };
    throw new CompileError(`dataform compile failed: ${(error.stderr || error.stdout || error.message).trim()}`);
  });
  return parseCompiled(run.stdout);
}
