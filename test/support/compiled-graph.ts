// Hand-built `dataform compile --json` output, shaped exactly as the CLI prints it (BigQuery backtick
// names with the database part, built-in assertions with \' escapes), for runner tests without the CLI.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withDatabase } from "../../engine/duckdb-sql.js";
import { CompiledGraph } from "../../engine/compiled-graph.js";

export const target = (schema: string, name: string) => ({ database: "amt", schema, name });
/** How Dataform writes a reference in SQL. */
export const ref = (schema: string, name: string) => `\`amt.${schema}.${name}\``;

const fileName = (name: string) => `definitions/${name}.sqlx`;

export const table = (schema: string, name: string, query: string, dependsOn: ReturnType<typeof target>[] = [], extra: object = {}) => ({
  type: "table",
  enumType: "TABLE",
  target: target(schema, name),
  canonicalTarget: target(schema, name),
  query,
  dependencyTargets: dependsOn,
  disabled: false,
  fileName: fileName(name),
  hermeticity: "NON_HERMETIC",
  ...extra,
});

export const operation = (schema: string, name: string, queries: string[], dependsOn: ReturnType<typeof target>[] = []) => ({
  target: target(schema, name),
  canonicalTarget: target(schema, name),
  queries,
  ...(dependsOn.length ? { dependencyTargets: dependsOn } : {}),
  hasOutput: true,
  fileName: fileName(name),
  hermeticity: "NON_HERMETIC",
});

export const assertion = (name: string, query: string, dependsOn: ReturnType<typeof target>[], parent?: ReturnType<typeof target>) => ({
  target: target("edfi_assertions", name),
  canonicalTarget: target("edfi_assertions", name),
  query,
  dependencyTargets: dependsOn,
  ...(parent ? { parentAction: parent } : {}),
  fileName: fileName(name),
});

export function graph(parts: { tables?: object[]; operations?: object[]; assertions?: object[]; tests?: object[]; declarations?: object[] }): CompiledGraph {
  return CompiledGraph.parse({
    tables: [],
    operations: [],
    assertions: [],
    tests: [],
    declarations: [],
    ...parts,
    projectConfig: { warehouse: "bigquery", defaultSchema: "edfi_staging", assertionSchema: "edfi_assertions", defaultDatabase: "amt" },
    graphErrors: {},
    dataformCoreVersion: "3.0.62",
    targets: [],
    jitData: {},
  });
}

export const tempDatabase = () => join(mkdtempSync(join(tmpdir(), "engine-")), "amt.duckdb");

/** Rows of a query on a database file, read after the run (read-only, so the file is not changed). */
export async function query(database: string, sql: string) {
  return withDatabase(database, { access_mode: "READ_ONLY" }, async (connection) => (await connection.runAndReadAll(sql)).getRowObjectsJson());
}
