// `npm run demo` end to end, as the README's first command runs it (simulator → extract → transform).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

test("npm run demo builds the DuckDB file from a simulated district and lists what it built", () => {
  const work = mkdtempSync(join(tmpdir(), "demo-"));
  const db = join(work, "amt.duckdb");
  const run = spawnSync("npm", ["run", "-s", "demo", "--", "--students", "40", "--lake", join(work, "lake"), "--db", db], { encoding: "utf8", timeout: 240_000 });
  expect(run.stderr).toContain("0 failed, 0 assertion(s) failed");
  expect(run.status).toBe(0);
  expect(existsSync(join(work, "lake", "_commits"))).toBe(true);
  expect(existsSync(db)).toBe(true);
  expect(run.stderr).toMatch(/Built .*amt\.duckdb: \d+ staging tables/);
  expect(run.stdout).toContain("edfi_staging.stg_students");
}, 300_000);
