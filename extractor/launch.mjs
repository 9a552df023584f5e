// `npm run extract` starts here: it bundles the extractor's TypeScript with esbuild (~50 ms, in esbuild's
// own process) and runs the bundle in this plain Node process. Under tsx the same run costs ~30 MB
// more (its loader runs on a thread and V8 isolate of its own) and more CPU. The bundle lands under
// node_modules/.cache named by its content (renamed into place, so concurrent runs share it safely).
// package.json also sizes Node's young generation (--max-semi-space-size=4): with 2, the objects of
// requests waiting on a busy API outlived two young collections, and the old generation grew through
// a long run (peak RSS 1.3x that of a run a tenth as long); 6 or 8 cost 5-10% more CPU. The old
// generation may grow to twice what the last full collection left (--heap-growing-percent=100): V8's
// own factor, up to 4 while collections are cheap, let a long run's heap reach ~40 MB around ~13 MB
// live; with 2 it stays under ~29 MB for the same number of full collections (a whole district's
// extract, with many more of them: 2-3% more CPU, 10-20 MB less peak RSS; bench/HISTORY.md). Young
// collections run on the main thread alone (--no-parallel-scavenge): helper threads would take a core
// from the API server for each of them when both share a machine.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const folder = join(root, "node_modules/.cache/edfi-extractor");
mkdirSync(folder, { recursive: true });
const temporary = join(folder, `cli.${process.pid}.tmp`);
const esbuild = createRequire(import.meta.url).resolve("esbuild/bin/esbuild");
const options = ["--bundle", "--platform=node", "--format=esm", "--packages=external", "--log-level=warning", `--outfile=${temporary}`];
execFileSync(esbuild, [join(root, "extractor/cli.ts"), ...options], { stdio: ["ignore", "ignore", "inherit"] });
const file = join(folder, `cli-${createHash("sha256").update(readFileSync(temporary)).digest("hex").slice(0, 16)}.mjs`);
renameSync(temporary, file);
await import(pathToFileURL(file).href);
