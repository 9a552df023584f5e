import { catalog } from "../lib/catalog.js";
import { compileProject as compile } from "./support/dataform.js";

describe("the Dataform project", () => {
  // For DuckDB, test/engine/transform.test.ts compiles the project and runs every action.
  test("compiles with no credentials and no graph errors", () => {
    const compiled = compile();
    expect(compiled.graphErrors).toEqual({});
    expect(compiled.dataformCoreVersion).toBe("3.0.62");
    const sources = compiled.operations.filter((d: any) => d.target.schema === "edfi_sources").map((d: any) => d.target.name);
    expect(sources.sort()).toEqual(["_commit_log", ...catalog.map((e) => e.table)].sort());
    expect(compiled.tables.filter((t: any) => t.target.schema === "edfi_sources").map((t: any) => t.target.name)).toEqual(["_commits"]);
  });

  test("BigQuery: string literals escape with backslashes; the lake's files are one wildcard away and declared gzip", () => {
    // In BigQuery 'o''neil' is two literals side by side, a syntax error.
    const compiled = compile("--vars=lakeUri=gs://district-lake/o'neil\\x");
    const ddl = (name: string) => compiled.operations.find((o: any) => o.target.schema === "edfi_sources" && o.target.name === name).queries.join("\n");
    expect(ddl("students")).toContain("hive_partition_uri_prefix = 'gs://district-lake/o\\'neil\\\\x/edfi/students'");
    expect(ddl("students")).toContain("compression = 'GZIP'");
    // One wildcard per URI, as BigQuery requires; it spans the school_year= folders.
    expect(ddl("students")).toContain("uris = ['gs://district-lake/o\\'neil\\\\x/edfi/students/*.ndjson.gz']");
    expect(ddl("_commit_log")).toContain("hive_partition_uri_prefix = 'gs://district-lake/o\\'neil\\\\x/_commits'");
    expect(ddl("_commit_log")).not.toContain("compression");
  });

  test("default database and location can be overridden from the command line", () => {
    const compiled = compile("--default-database=district-project", "--default-location=EU");
    expect(compiled.projectConfig).toMatchObject({ defaultDatabase: "district-project", defaultLocation: "EU", warehouse: "bigquery" });
    expect(compiled.projectConfig.vars).toMatchObject({ engine: "bigquery" });
    expect(compiled.operations[0].target.database).toBe("district-project");
  });
});
