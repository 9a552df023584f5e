// Every command in README.md's shell blocks is one this suite or CI exercises: `npm ci` and `npm test`
// are what CI runs (.ci/run); each `npm run <script>` exists and takes the flags shown (its --help lists
// them; demo.test.ts and the other suites run the scripts themselves); `npx dataform <command>` exists
// with those flags; `gcloud`, `docker`, `curl` and `cp` commands name only files that exist (the
// deployment files' contents are checked by deploy.test.ts). Any other command fails this test.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parseSettings, Settings } from "../extractor/config.js";

const readme = readFileSync("README.md", "utf8");
const scripts: Record<string, string> = JSON.parse(readFileSync("package.json", "utf8")).scripts;

/** The commands of the ```sh blocks: continuation lines joined, comments dropped, `a && b` split. */
function commands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, "").split("\n"))
    .map((line) => line.replace(/\s+#\s.*$/, "").replace(/^#.*$/, "").trim())
    .flatMap((line) => line.split(/\s+&&\s+/))
    .filter(Boolean);
}

/** `--flag`s of a command line (`--flag=value`, `--no-flag` as `--flag`), quoted text left out. */
const flags = (words: string) => [...words.replace(/'[^']*'|"[^"]*"/g, "").matchAll(/(?:^|\s)--(?:no-)?([a-z][a-z-]*)/g)].map((m) => `--${m[1]}`);

const helps = new Map<string, string>();
function help(command: string[]): string {
  const key = command.join(" ");
  if (!helps.has(key)) {
    const run = spawnSync(command[0], [...command.slice(1), "--help"], { encoding: "utf8", timeout: 120_000 });
    if (run.status !== 0) throw new Error(`${key} --help exited with ${run.status}: ${run.stderr}`);
    helps.set(key, run.stdout + run.stderr);
  }
  return helps.get(key)!;
}

/** Why the command is covered, or undefined when nothing covers it. */
function coverage(command: string): string | undefined {
  const words = command.split(/\s+/);
  if (command === "npm ci" || command === "npm test") return readFileSync(".ci/run", "utf8").includes(command) ? "CI" : undefined;
  if (words[0] === "npm" && words[1] === "run") {
    const script = words[2];
    if (!(script in scripts)) return undefined;
    const [, args = ""] = command.split(/\s--\s|\s--$/);
    const text = help(["npm", "run", "-s", script, "--"]);
    const unknown = flags(args).filter((flag) => flag !== "--help" && !text.includes(flag));
    return unknown.length === 0 ? `script ${script}` : undefined;
  }
  if (words[0] === "npx" && words[1] === "dataform") {
    const text = help(["node_modules/.bin/dataform", words[2]]);
    return flags(words.slice(3).join(" ")).every((flag) => text.includes(flag)) ? "dataform CLI" : undefined;
  }
  if (["gcloud", "docker", "curl", "cp"].includes(words[0])) {
    const named = words[0] === "cp" ? words.slice(1, -1) : words; // cp: the source must exist, not the copy
    const files = named.map((w) => w.replace(/^@|^--[a-z-]+=/, "")).filter((w) => /^(\.[\w-]+|deploy\/|[\w-]+\/)[\w./-]*$/.test(w) && !w.includes("//"));
    return files.every((file) => existsSync(file)) ? `files ${files.join(", ")}` : undefined;
  }
  return undefined;
}

test("the README's shell blocks hold the two set-up commands, first", () => {
  expect(commands(readme).slice(0, 3)).toEqual(["npm ci", "npm run demo", "npm test"]);
});

test("every command in the README is exercised by a test or by CI", () => {
  const found = commands(readme);
  expect(found.length).toBeGreaterThan(20);
  expect(found.filter((command) => coverage(command) === undefined)).toEqual([]);
}, 600_000);

test("the checker rejects what nothing covers", () => {
  expect(coverage("npm run no-such-script")).toBeUndefined();
  expect(coverage("npm run extract -- --no-such-flag")).toBeUndefined();
  expect(coverage("gcloud run jobs replace deploy/missing.yaml")).toBeUndefined();
  expect(coverage("rm -rf lake")).toBeUndefined();
  expect(coverage("cp .env .env-sample")).toBeUndefined();
  expect(coverage("npm run query -- --db ./amt.duckdb 'SELECT --comment'")).toBe("script query");
}, 120_000);

test("the configuration tables give every extractor setting and every Dataform var with its real default", () => {
  const cells = (name: string) => readme.split("\n").find((line) => line.startsWith(`| \`${name}\` |`))?.split("|").map((cell) => cell.trim().replaceAll("`", ""));
  const required = { EDFI_API_BASE_URL: "http://api", EDFI_CLIENT_ID: "id", EDFI_CLIENT_SECRET: "secret", EDFI_SCHOOL_YEARS: "2025" };
  const defaults: Record<string, unknown> = parseSettings(required);
  for (const name of Object.keys(Settings.shape)) {
    expect([name, cells(name)?.[3]]).toEqual([name, name in required ? "(required)" : String(defaults[name])]);
  }
  const vars: Record<string, string> = JSON.parse(readFileSync("dataform.json", "utf8")).vars;
  for (const [name, value] of Object.entries(vars)) expect([name, cells(name)?.[2]]).toEqual([name, value === "" ? "(empty: today)" : value]);
});
