// `dataform compile --json` for the DuckDB engine: the project's own CLI, vars for the local lake.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
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

// Every input of a compile besides its arguments: the Dataform sandbox reads nothing else (no env, no fs).
const PROJECT_INPUTS = ["dataform.json", "package.json", "node_modules/@dataform/core/package.json", "node_modules/@dataform/cli/package.json"];
const PROJECT_FOLDERS = ["definitions", "includes"];
const CACHE_FOLDER = "node_modules/.cache/edfi-amt-compile";
const CACHE_ENTRIES = 24;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A digest of the compile's arguments and of every project file it reads. */
export function compileDigest(projectDir: string, args: string[]): string {
  const hash = createHash("sha256").update(JSON.stringify(args));
  const files = [...PROJECT_INPUTS.map((file) => join(projectDir, file)), ...PROJECT_FOLDERS.flatMap((folder) => filesUnder(join(projectDir, folder)))];
  for (const file of files.sort()) hash.update(`\0${relative(projectDir, file)}\0`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

/** Keeps the newest entries only: each combination of vars (as-of date, collections) makes its own. */
function pruneCache(folder: string): void {
  // Another run may prune the same folder at once: an entry gone in between is skipped.
  const entries = readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => ({ path: join(folder, name), time: statSync(join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.time - a.time);
  for (const entry of entries.slice(CACHE_ENTRIES)) rmSync(entry.path, { force: true });
}

/** A cache entry's text, or undefined when there is none (or another run just pruned it). */
function readCached(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function runCli(options: CompileOptions, args: string[]): Promise<string> {
  // The CLI of the project itself: Dataform needs a real node_modules inside the project folder anyway.
  const cli = join(options.projectDir, "node_modules", ".bin", "dataform");
  // The CLI makes a temporary folder at every compile and leaves it behind: it gets one of ours to make it in.
  const temporary = mkdtempSync(join(tmpdir(), "dataform-compile-"));
  try {
    const run = await promisify(execFile)(cli, args, { maxBuffer: 1 << 30, env: { ...process.env, TMPDIR: temporary } }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      // A project with compilation errors still prints its JSON (with graphErrors) before exiting 1.
      if (error.stdout?.trimStart().startsWith("{")) return { stdout: error.stdout };
      throw new CompileError(`dataform compile failed: ${(error.stderr || error.stdout || error.message).trim()}`);
    });
    return run.stdout;
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * The compiled graph, from node_modules/.cache when the same arguments compiled the same project files
 * before (the CLI takes 15-20 s of CPU for this project). Only graphs without errors are kept; an entry
 * is written whole and renamed into place, so concurrent runs share the folder safely.
 */
export async function compileProject(options: CompileOptions): Promise<CompiledGraph> {
  const args = compileArgs(options);
  const folder = join(options.projectDir, CACHE_FOLDER);
  const cached = join(folder, `${compileDigest(options.projectDir, args)}.json`);
  const hit = readCached(cached);
  if (hit !== undefined) return parseCompiled(hit);
  const stdout = await runCli(options, args);
  const graph = parseCompiled(stdout);
  mkdirSync(folder, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  writeFileSync(temporary, stdout);
  renameSync(temporary, cached);
  pruneCache(folder);
  return graph;
}
