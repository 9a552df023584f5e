// Runs the real extractor CLI (`npm run extract`) as a child process with only the environment a test
// gives it, in a working directory without a .env (the repository's settings never leak in), and reads
// a local lake back file by file.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Settings } from "../../extractor/config.js";
import { extractCommand } from "../../lib/extract-command.js";

const CWD = mkdtempSync(join(tmpdir(), "extract-cli-"));

export type Env = Record<string, string | undefined>;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  /** Settles when the process has exited and its output is read. */
  done: Promise<CliResult>;
}

/** Start `npm run extract -- <args>`; `onLine` sees each stdout line as it arrives (JSON-lines progress). */
export function startCli(args: string[], env: Env, onLine?: (line: string) => void): CliRun {
  const child = spawn(process.execPath, [...extractCommand(), ...args], {
    cwd: CWD,
    env: { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop()!;
    for (const line of lines) onLine?.(line);
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Run the CLI to its end (asynchronously: an in-process simulator must keep answering meanwhile). */
export function runCli(args: string[], env: Env): Promise<CliResult> {
  return startCli(args, env).done;
}

/** Validated settings (e.g. from `settingsFor`) back as the environment variables the CLI reads. */
export function envOf(settings: Settings): Env {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : String(value)]));
}

/** The JSON-lines progress events a run printed on stdout. */
export function events(stdout: string): { event: string; [field: string]: unknown }[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { event: string });
}

/** Every file below a folder, hidden temporaries included, relative to it with "/" separators; none if it is absent. */
export function filesBelow(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

/** Part files as downstream globs them: `edfi/<table>/school_year=<YYYY>/<name>.ndjson.gz`, temporaries excluded. */
export const PART_FILE = /^edfi\/[^/]+\/school_year=\d{4}\/[^./][^/]*\.ndjson\.gz$/;

/** A lake file's text, gunzipped if it is gzip (throws on a truncated or corrupt gzip file). */
export function fileText(root: string, path: string): string {
  const bytes = readFileSync(join(root, path));
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
}
