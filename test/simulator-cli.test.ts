import { spawnSync } from "node:child_process";
import { spawnSimulator } from "../simulator/spawn.js";

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "simulator/cli.ts", ...args], { encoding: "utf8", timeout: 60_000 });

describe("npm run simulator", () => {
  test("prints one ready line with its base URL, serves, and stops cleanly on SIGTERM", async () => {
    const sim = await spawnSimulator(["--students", "20", "--api-version", "6.1", "--mode", "year-specific", "--years", "2024"]);
    const root = (await (await fetch(`${sim.url}/`)).json()) as { version: string; apiMode: string };
    expect(root).toMatchObject({ version: "6.1", apiMode: "Year Specific" });
    const exit = new Promise<number | null>((resolve) => sim.process.once("exit", (code) => resolve(code)));
    sim.process.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  test("bad options exit 2 with a message naming the option", () => {
    const years = cli("--years", "24,abc");
    expect(years.status).toBe(2);
    expect(years.stderr).toMatch(/--years/);
    const version = cli("--api-version", "9.9");
    expect(version.status).not.toBe(0);
    expect(version.stderr).toMatch(/api-version/);
    const ds = cli("--api-version", "5.3", "--data-standard", "5");
    expect(ds.status).toBe(2);
    expect(ds.stderr).toMatch(/does not run data standard 5/);
    const faults = cli("--faults", "5xx=7");
    expect(faults.status).toBe(2);
    expect(faults.stderr).toMatch(/5xx/);
  });

  test("--help documents every option", () => {
    const help = cli("--help");
    expect(help.status).toBe(0);
    for (const option of ["--port", "--students", "--seed", "--years", "--mode", "--api-version", "--data-standard", "--client-id", "--client-secret", "--latency-ms", "--token-ttl", "--faults", "--snapshots"]) {
      expect(help.stdout).toContain(option);
    }
  });
});
