// A benchmarked child process (`node <args>`): wall time, the time to its first JSON line (`begin`),
// its JSON-line events, its peak RSS and CPU time (bench/peak-rss.mjs, preloaded without tsx so it adds
// nothing). CPU time is what a run costs whatever else the machine is doing; wall time is not.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** One benchmarked child process: timings from its JSON lines, peak RSS and CPU from bench/peak-rss.mjs. */
export interface ChildRun {
  code: number | null;
  /** spawn → exit. */
  wallSeconds: number;
  /** spawn → the child's `begin` line: Node and the modules load (the extractor also bundles itself, reads the API root and the lake state). */
  startupSeconds: number;
  /** `begin` line → `end` line: the extraction itself. */
  workSeconds: number;
  peakRssMb: number;
  /** User + system CPU seconds of the process, all threads (NaN if it died before reporting). */
  cpuSeconds: number;
  /** The last JSON line of each event kind. */
  events: Record<string, Record<string, unknown>>;
  stderr: string;
}

/** Runs `node <nodeArgs>` with the peak RSS recorder preloaded. */
export function runChild(nodeArgs: string[], env: Record<string, string>, rssFile: string): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "./bench/peak-rss.mjs", ...nodeArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, BENCH_PEAK_RSS_FILE: rssFile },
  });
  const events: Record<string, Record<string, unknown>> = {};
  const at: Record<string, number> = {};
  let pending = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    const now = performance.now();
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as Record<string, unknown>;
      events[String(event.event)] = event;
      at[String(event.event)] ??= now;
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const ended = performance.now();
      const begin = at.begin ?? ended;
      let peakRssMb = NaN;
      let cpuSeconds = NaN;
      try {
        const usage = JSON.parse(readFileSync(rssFile, "utf8")) as { maxRssKb: number; cpuSeconds: number };
        peakRssMb = usage.maxRssKb / 1024;
        cpuSeconds = usage.cpuSeconds;
      } catch {
        // the child died before its exit handler ran
      }
      const seconds = (ms: number) => ms / 1000;
      resolve({ code, wallSeconds: seconds(ended - started), startupSeconds: seconds(begin - started), workSeconds: seconds((at.end ?? ended) - begin), peakRssMb, cpuSeconds, events, stderr });
    });
  });
}

export function folderBytes(folder: string): number {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}
