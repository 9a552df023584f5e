import { spawnSync } from "node:child_process";
import { catalog } from "../lib/catalog.js";

function compile(...args: string[]) {
  const result = spawnSync("node_modules/.bin/dataform", ["compile", "--json", ...args], { encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`dataform compile failed (${result.status}): ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout);
}

describe("the Dataform project", () => {
  test.each([[], ["--vars=engine=duckdb,lakeUri=./lake,schoolYears=2024;2025", "--default-database=memory"]])(
    "compiles with no credentials and no graph errors (%p)",
    (...args: string[]) => {
      const compiled = compile(...args);
      expect(compiled.graphErrors).toEqual({});
      expect(compiled.dataformCoreVersion).toBe("3.0.62");
      const sources = compiled.operations.filter((d: any) => d.target.schema === "edfi_sources").map((d: any) => d.target.name);
      expect(sources.sort()).toEqual(["_commits", ...catalog.map((e) => e.table)].sort());
    },
  );

  test("default database and location can be overridden from the command line", () => {
    const compiled = compile("--default-database=district-project", "--default-location=EU");
    expect(compiled.projectConfig).toMatchObject({ defaultDatabase: "district-project", defaultLocation: "EU", warehouse: "bigquery" });
    expect(compiled.projectConfig.vars).toMatchObject({ engine: "bigquery" });
    expect(compiled.operations[0].target.database).toBe("district-project");
  });
});
