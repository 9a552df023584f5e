// The command of `npm run extract` (package.json) as Node arguments, for the tests and benchmarks that
// must run exactly what users run: `node <flags> extractor/launch.mjs`, the script as an absolute path.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function extractCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { scripts: Record<string, string> }).scripts;
  const [node, ...args] = scripts.extract.split(/\s+/);
  const script = args.pop();
  if (node !== "node" || !script) throw new Error(`package.json: expected the extract script as "node [flags] <script>", got "${scripts.extract}"`);
  return [...args, `${ROOT}${script}`];
}
