// Compiles the Dataform project at the repository root with the real CLI (tests only).
import { spawnSync } from "node:child_process";

export function compileProject(...args: string[]): any {
  const result = spawnSync("node_modules/.bin/dataform", ["compile", "--json", "--timeout=10m", ...args], { encoding: "utf8", timeout: 600_000, maxBuffer: 1 << 28 });
  // result.error: the CLI did not start or was stopped (timeout, output over maxBuffer); stdout is then null.
  if (result.error) throw new Error(`dataform compile failed: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`dataform compile failed (${result.status}): ${result.stderr}${result.stdout.slice(0, 2000)}`);
  return JSON.parse(result.stdout);
}
