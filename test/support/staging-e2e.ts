// End to end on the real parts: the simulator serves a district over HTTP, the extractor lands it in a
// local lake, the embedded engine compiles the Dataform project and builds staging on DuckDB. Staging
// must hold exactly the records the simulator holds as current, before and after a mutation with
// updates, deletes and key changes (incremental build), and after a new full snapshot (incremental
// build; with two school years, of one of them), and a full refresh must agree. With two years, builds
// after runs that change only one of them must skip the files of runs staged before.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transform } from "../../engine/transform.js";
import { succeeded, type RunReport } from "../../engine/run-graph.js";
import { catalog, resourcesFor } from "../../lib/catalog.js";
import type { SimulatorOptions } from "../../simulator/server.js";
import { currentIds, useSimulator } from "./api.js";
import { query } from "./compiled-graph.js";
import { runExtract, settingsFor, tempLake } from "./extract.js";

// The first build is the whole graph (the AMT and its assertions on each lake shape, two school years
// included); the later ones build sources and staging only, or staging alone (with their assertions),
// which they compare.
const STAGING = { actions: [], tags: ["sources", "staging"], includeDeps: false };
// Once the sources exist, staging alone: it must still take the newest commit log (its own table of it).
const STAGING_ONLY = { actions: [], tags: ["staging"], includeDeps: false };

function expectSucceeded(report: RunReport) {
  const failures = report.results.filter((r) => r.status === "failed" || r.status === "assertion-failed");
  expect(failures.map((r) => `${r.name}: ${r.status} ${r.message ?? ""} ${r.rows ?? ""}`)).toEqual([]);
  expect(succeeded(report)).toBe(true);
  expect(report.committed).toBe(true);
}

/**
 * The end-to-end staging test on a simulator district with `options`: one file per API profile, so that
 * Jest runs the profiles side by side.
 */
export function describeStagingEndToEnd(name: string, options: Partial<SimulatorOptions>) {
  describe(`staging on DuckDB from a simulator lake (${name})`, () => {
    const context = useSimulator(options);

    /** For every resource and school year: the staged ids equal the simulator's current ids. */
    async function expectStagingMatchesSimulator(database: string) {
      const { sim } = context;
      const mismatches: string[] = [];
      const staged = await query(
        database,
        resourcesFor(sim.dataStandard)
          // DuckDB keeps ids as UUIDs: as text, without the hyphens, they must be the API's ids.
          .map((e) => `SELECT '${e.resource}' AS resource, school_year, replace(CAST(id AS VARCHAR), '-', '') AS id FROM edfi_staging.stg_${e.table}`)
          .join("\nUNION ALL\n"),
      );
      for (const year of sim.options.years.slice(0, sim.options.mode === "shared" ? 1 : undefined)) {
        for (const entry of resourcesFor(sim.dataStandard)) {
          const expected = currentIds(sim, entry.resource, sim.options.mode === "shared" ? undefined : year).sort();
          const actual = staged.filter((r) => r.resource === entry.resource && Number(r.school_year) === year).map((r) => String(r.id)).sort();
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            mismatches.push(`${entry.resource} ${year}: staged ${actual.length}, simulator ${expected.length}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    }

    /** A full build of `lake`'s staging, into a new file, has the same rows in every table and view as `database`. */
    async function expectFullRefreshAgrees(lake: string, database: string) {
      const refreshed = join(mkdtempSync(join(tmpdir(), "amt-")), "amt.duckdb");
      expectSucceeded(await transform({ lake, database: refreshed, selection: STAGING, fullRefresh: true }));
      const tables = await query(refreshed, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'edfi_staging' ORDER BY table_name");
      expect(tables.filter(({ table_name: table }) => String(table).includes("__")).length).toBeGreaterThan(0);
      for (const { table_name: table } of tables) {
        const rows = (db: string) => query(db, `SELECT * FROM edfi_staging.${String(table)} ORDER BY ALL`);
        expect({ table, rows: await rows(database) }).toEqual({ table, rows: await rows(refreshed) });
      }
    }

    test("full build, incremental builds after a mutation and after a new snapshot, and a full refresh that agrees", async () => {
      const { sim } = context;
      const lake = tempLake();
      const database = join(mkdtempSync(join(tmpdir(), "amt-")), "amt.duckdb");
      const settings = settingsFor(sim, lake);

      await runExtract(settings);
      expectSucceeded(await transform({ lake, database }));
      await expectStagingMatchesSimulator(database);
      // The AMT shows section ids as the API sends them.
      const sectionIds = await query(database, "SELECT DISTINCT SectionId FROM analytics.rls_StudentDataAuthorization");
      expect(sectionIds.length).toBeGreaterThan(0);
      const sections = new Set(sim.options.years.flatMap((year) => currentIds(sim, "sections", sim.options.mode === "shared" ? undefined : year)));
      expect(sectionIds.filter(({ SectionId }) => !sections.has(String(SectionId)))).toEqual([]);

      const changes = sim.mutate(0.05);
      const kinds = Object.values(changes).flatMap((byResource) => Object.values(byResource));
      expect(kinds.reduce((n, c) => n + c.deleted, 0)).toBeGreaterThan(0);
      expect(kinds.reduce((n, c) => n + c.keyChanged, 0)).toBeGreaterThan(0);
      await runExtract(settings);
      const incremental = await transform({ lake, database, selection: STAGING });
      expectSucceeded(incremental);
      // Every incremental resource table merged, none rebuilt (child collections are views over them).
      const incrementals = incremental.results.filter((r) => r.kind === "incremental");
      expect(incrementals.filter((r) => r.detail !== "merged").map((r) => r.name)).toEqual([]);
      expect(incrementals.map((r) => r.name).sort()).toEqual(catalog.filter((e) => e.incremental).map((e) => `edfi_staging.stg_${e.table}`).sort());
      await expectStagingMatchesSimulator(database);
      // A full build over the snapshot and the run after it: records changed or deleted since have lines in both.
      await expectFullRefreshAgrees(lake, database);

      // A new full snapshot reads no deletes: what the district deleted since is simply not in it, and the
      // incremental build must drop those records (and the rows of every older run) on its own. With
      // several school years the snapshot is of the last one, the others come in incrementally: their
      // rows, child rows included, must stay (the full refresh below compares every table).
      const later = Object.values(sim.mutate(0.05)).flatMap((byResource) => Object.values(byResource));
      expect(later.reduce((n, c) => n + c.deleted, 0)).toBeGreaterThan(0);
      const years = sim.options.mode === "shared" ? [] : sim.options.years;
      if (years.length > 1) {
        await runExtract(settingsFor(sim, lake, { EDFI_SCHOOL_YEARS: String(years.at(-1)) }), { full: true });
        await runExtract(settings);
      } else await runExtract(settings, { full: true });
      expectSucceeded(await transform({ lake, database, selection: STAGING }));
      await expectStagingMatchesSimulator(database);

      await expectFullRefreshAgrees(lake, database);

      // A year whose runs bring no lines (a closed school year, still extracted) does not hold the run
      // bound back: once a run is staged, the next build skips the files of the run before it. The test
      // breaks those files (DuckDB would fail reading them), and the builds go on from the newer runs.
      if (years.length > 1) {
        const staged: string[] = [];
        for (let round = 0; round < 3; round++) {
          sim.mutate(0.05, years.at(-1));
          staged.push((await runExtract(settings)).manifest.runId);
          if (round === 2) {
            const folder = join(lake, "edfi/student_section_associations", `school_year=${years.at(-1)}`);
            const skipped = readdirSync(folder).filter((file) => file.startsWith(`${staged[0]}-`));
            expect(skipped.length).toBeGreaterThan(0);
            for (const file of skipped) writeFileSync(join(folder, file), "not gzip");
          }
          expectSucceeded(await transform({ lake, database, selection: STAGING_ONLY }));
        }
        await expectStagingMatchesSimulator(database);
      }
    }, 900_000);
  });
}
