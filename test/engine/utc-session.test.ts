// The engine's DuckDB sessions run in UTC, as BigQuery's do: CURRENT_DATE, AMT's default "today", is the
// UTC date on both engines whatever the machine's time zone. Two zones, 25 hours apart, so that at any
// hour one of them is on another date than UTC.
import { spawnSync } from "node:child_process";
import { withDatabase } from "../../engine/duckdb-sql.js";
import { tempDatabase } from "../support/compiled-graph.js";

const utcDate = () => new Date().toISOString().slice(0, 10);

test("CURRENT_DATE is the UTC date in a machine far east or far west of UTC", async () => {
  const database = tempDatabase();
  await withDatabase(database, {}, (connection) => connection.run("CREATE TABLE t AS SELECT 1 AS x"));
  for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
    const before = utcDate();
    const result = spawnSync("node_modules/.bin/tsx", ["engine/query-cli.ts", "--db", database, "SELECT CAST(CURRENT_DATE AS VARCHAR) AS today"], {
      encoding: "utf8",
      env: { ...process.env, TZ: zone },
    });
    expect(result.status).toBe(0);
    const today = /\d{4}-\d\d-\d\d/.exec(result.stdout)?.[0];
    expect([zone, [before, utcDate()]]).toEqual([zone, expect.arrayContaining([today])]);
  }
}, 120_000);
