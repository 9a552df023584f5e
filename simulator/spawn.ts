// Runs the simulator CLI in its own process (benchmarks: the load generator must not share its event
// loop; tests: the CLI itself is under test).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export interface ChildSimulator {
  url: string;
  process: ChildProcess;
  /** Wall time from spawn until the simulator printed its ready line. */
  startupMs: number;
  /** Resident and peak resident memory of the simulator process, in MB (Linux /proc). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

export async function spawnSimulator(args: string[]): Promise<ChildSimulator> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "simulator/cli.ts", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready in \d+ ms at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code} before it was ready`)));
  });
  const startupMs = performance.now() - started;
  return {
    url,
    process: child,
    startupMs,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
