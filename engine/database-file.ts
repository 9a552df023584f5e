// The database file is replaced only by a complete, successful build: the run works on a copy
// (`<db>.building`) and renames it over the original at the end, so a failed run, a crash or Ctrl-C
// leaves the previous database as it was, and readers never see a half-built one.
import { copyFile, rename, rm } from "node:fs/promises";
import { existsSync } from "node:fs";

/** DuckDB keeps committed changes not yet checkpointed in `<file>.wal` next to the file. */
const wal = (path: string) => `${path}.wal`;

async function remove(path: string): Promise<void> {
  await Promise.all([rm(path, { force: true }), rm(wal(path), { force: true })]);
}

/**
 * Runs `build` on a copy of `database` (an empty file if there is none yet) and commits the copy when
 * it resolves true; otherwise, or if it throws, the copy is deleted. `build` must checkpoint and close
 * the copy before resolving. Resolves whether the copy was committed.
 */
export async function buildOnCopy(database: string, build: (path: string) => Promise<boolean>): Promise<boolean> {
  const building = `${database}.building`;
  await remove(building); // left over by a killed run
  if (existsSync(database)) {
    await copyFile(database, building);
    if (existsSync(wal(database))) await copyFile(wal(database), wal(building));
  }
  let commit = false;
  try {
    commit = await build(building);
  } finally {
    if (!commit) await remove(building);
  }
  if (commit) {
    // The old WAL was replayed into the copy; left next to the new file it would be replayed again.
    await rm(wal(database), { force: true });
    await rename(building, database);
  }
  return commit;
}
