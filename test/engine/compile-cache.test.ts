// The engine's compile cache: a digest of the arguments and of every project file the compile reads,
// and the real CLI's graph served from node_modules/.cache on the second compile.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileArgs, compileDigest, compileProject, parseCompiled } from "../../engine/compile.js";

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "compile-digest-"));
  const files: Record<string, string> = {
    "dataform.json": "{}",
    "package.json": "{}",
    "node_modules/@dataform/core/package.json": '{"version":"3.0.62"}',
    "node_modules/@dataform/cli/package.json": '{"version":"3.0.69"}',
    "definitions/staging/students.sqlx": "SELECT 1",
    "includes/catalog.js": "module.exports = {};",
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

test("the digest changes with any definitions or includes file, the core version and the arguments, and only then", () => {
  const dir = project();
  const digest = (args = ["compile"]) => compileDigest(dir, args);
  const first = digest();
  expect(digest()).toBe(first);
  expect(digest(["compile", "--vars=lakeUri=/other"])).not.toBe(first);
  for (const [file, text] of [
    ["definitions/staging/students.sqlx", "SELECT 2"],
    ["includes/catalog.js", "module.exports = { x: 1 };"],
    ["node_modules/@dataform/core/package.json", '{"version":"3.0.63"}'],
  ]) {
    const before = digest();
    writeFileSync(join(dir, file), text);
    expect({ file, changed: digest() !== before }).toEqual({ file, changed: true });
  }
  const before = digest();
  writeFileSync(join(dir, "definitions/new.js"), "// a new file");
  expect(digest()).not.toBe(before);
});

test("a second compile with the same vars is read from the cache, a compile with other vars is not", async () => {
  const lake = mkdtempSync(join(tmpdir(), "compile-cache-lake-"));
  const options = { projectDir: process.cwd(), vars: { lakeUri: lake }, defaultDatabase: "amt" };
  const entryFor = (o: typeof options) => join(process.cwd(), "node_modules/.cache/edfi-amt-compile", `${compileDigest(process.cwd(), compileArgs(o))}.json`);
  const entry = entryFor(options);
  expect(existsSync(entry)).toBe(false);
  // The first compile in a process of its own, with a temporary folder of its own (a test's process.env
  // is not the one the engine and the CLI see): the CLI leaves a folder there at every compile, and the
  // engine removes it.
  const temporary = mkdtempSync(join(tmpdir(), "compile-cache-tmp-"));
  const script = `import { compileProject } from "./engine/compile.ts"; await compileProject(${JSON.stringify(options)});`;
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: temporary } });
  expect(readdirSync(temporary).filter((name) => !name.startsWith("tsx-"))).toEqual([]); // tsx keeps its cache there
  const graph = parseCompiled(readFileSync(entry, "utf8"));
  expect(graph.tables.length).toBeGreaterThan(0);
  // Marked in the cache: the next compile returns the mark, so it did not run the CLI.
  const marked = JSON.parse(readFileSync(entry, "utf8"));
  marked.tables[0].query = "SELECT 'from the cache'";
  writeFileSync(entry, JSON.stringify(marked));
  expect((await compileProject(options)).tables[0].query).toBe("SELECT 'from the cache'");
  // Other vars look up an entry of their own (a compile reads the entry named by its digest), and there is none.
  const other = entryFor({ ...options, vars: { lakeUri: `${lake}-other` } });
  expect(other).not.toBe(entry);
  expect(existsSync(other)).toBe(false);
}, 240_000);
