// `npm run extract` starts here: it bundles the extractor's TypeScript with esbuild (well under a
// second) and runs the bundle in this plain Node process. Under tsx the same run costs ~30 MB more
// (its loader runs on a thread and V8 isolate of its own) and more CPU. The bundle lands under
// node_modules/.cache named by its content, written under a temporary name and renamed, so concurrent
// runs share it safely. package.json also gives Node a small young generation (--max-semi-space-size):
// the extractor's garbage is short-lived page data, and a big nursery only raises the peak RSS.
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const [bundle] = buildSync({
  entryPoints: [join(root, "extractor/cli.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  outfile: "cli.mjs",
  write: false,
  logLevel: "warning",
}).outputFiles;
const folder = join(root, "node_modules/.cache/edfi-extractor");
const file = join(folder, `cli-${createHash("sha256").update(bundle.contents).digest("hex").slice(0, 16)}.mjs`);
if (!existsSync(file)) {
  mkdirSync(folder, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bundle.contents);
  renameSync(temporary, file);
}
await import(pathToFileURL(file).href);
