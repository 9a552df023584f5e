// One extract at a time per lake (extractor/lock.ts), on a local lake: the lock is exclusive, released at
// the end, taken over only from a run that is gone (its process ended on this host, or it stopped
// renewing), and `npm run extract` refuses a locked lake before it writes anything.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { openLake } from "../extractor/lake/index.js";
import type { Lake } from "../extractor/lake/types.js";
import { LakeLock, LakeLockedError, LOCK_PATH, STALE_MS, type LockHolder } from "../extractor/lock.js";
import { startSimulator } from "../simulator/server.js";
import { settingsFor, tempLake } from "./support/extract.js";
import { envOf, filesBelow, runCli } from "./support/extract-cli.js";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function holder(overrides: Partial<LockHolder>): LockHolder {
  return { run_id: "20261127T010000000Z-aaaaaa", host: "other-host", pid: 4242, started_at: minutesAgo(30), renewed_at: minutesAgo(0), ...overrides };
}

/** The lake locked by `other`, written as the extractor writes its lock. */
async function lockedBy(lake: Lake, other: LockHolder): Promise<void> {
  expect(await lake.createExclusive(LOCK_PATH, JSON.stringify(other, null, 2) + "\n")).toBe(true);
}

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

/**
 * The lock file. A renewal replaces it by a delete and then a create, so a read may fall between the
 * two (on a busy machine, with a heartbeat of milliseconds): the file is read again until it is there.
 */
async function lockFile(lake: Lake): Promise<LockHolder> {
  for (let attempt = 1; ; attempt++) {
    const holder = await lake.readJson<LockHolder>(LOCK_PATH);
    if (holder) return holder;
    if (attempt === 100) throw new Error(`no ${LOCK_PATH} in the lake`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("the lake lock", () => {
  test("is exclusive: a second run is refused with the holder's run, process and host; after release it is free", async () => {
    const lake = openLake(tempLake());
    const first = await LakeLock.acquire(lake, "run-1");
    expect(await lockFile(lake)).toMatchObject({ run_id: "run-1", host: hostname(), pid: process.pid });
    const refusal = LakeLock.acquire(lake, "run-2");
    await expect(refusal).rejects.toThrow(LakeLockedError);
    await expect(refusal).rejects.toThrow(new RegExp(`run run-1 \\(process ${process.pid} on ${hostname()}, started `));
    await first.release();
    expect(await lake.list("")).toEqual([]);
    await (await LakeLock.acquire(lake, "run-2")).release();
  });

  test("is taken over from a run whose process has ended on this host, however recently it renewed", async () => {
    const lake = openLake(tempLake());
    const pid = endedPid();
    await lockedBy(lake, holder({ host: hostname(), pid }));
    const lock = await LakeLock.acquire(lake, "run-2");
    expect((await lockFile(lake)).run_id).toBe("run-2");
    expect(lock.tookOver).toBe(`run 20261127T010000000Z-aaaaaa: its process ${pid} on ${hostname()} has ended`);
    await lock.release();
  });

  test(`from another host: refused while renewed within ${STALE_MS / 60_000} minutes, taken over after`, async () => {
    const lake = openLake(tempLake());
    await lockedBy(lake, holder({ renewed_at: minutesAgo(STALE_MS / 60_000 - 1) }));
    await expect(LakeLock.acquire(lake, "run-2")).rejects.toThrow(/another extract is writing to the lake .*: run 20261127T010000000Z-aaaaaa \(process 4242 on other-host/);
    expect((await lockFile(lake)).run_id).toBe("20261127T010000000Z-aaaaaa");

    await lake.deleteIfUnchanged(LOCK_PATH, (await lake.readFile(LOCK_PATH)).toString("utf8"));
    await lockedBy(lake, holder({ renewed_at: minutesAgo(STALE_MS / 60_000 + 1) }));
    const lock = await LakeLock.acquire(lake, "run-2");
    expect((await lockFile(lake)).run_id).toBe("run-2");
    expect(lock.tookOver).toMatch(/^run 20261127T010000000Z-aaaaaa: it was last renewed at \S+, more than 5 minutes ago$/);
    await lock.release();
  });

  test("is renewed while held, and a run whose lock was taken over may commit nothing more", async () => {
    const lake = openLake(tempLake());
    const lock = await LakeLock.acquire(lake, "run-1", { heartbeatMs: 20 });
    const renewed = (await lockFile(lake)).renewed_at;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Date.parse((await lockFile(lake)).renewed_at)).toBeGreaterThan(Date.parse(renewed));
    lock.assertHeld();

    await lake.writeJson(LOCK_PATH, holder({ run_id: "run-2" })); // run-1 went silent and run-2 took over
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => lock.assertHeld()).toThrow(/no longer holds the lock .*: run run-2 took it over; nothing more was committed/);
    await lock.release();
    expect((await lockFile(lake)).run_id).toBe("run-2"); // not this run's to remove
  });

  test("a lock this very run created (a create retried after its answer was lost) is its own", async () => {
    const lake = openLake(tempLake());
    await lockedBy(lake, holder({ run_id: "run-1", host: hostname(), pid: process.pid }));
    const lock = await LakeLock.acquire(lake, "run-1");
    await lock.release();
    expect(await lake.list("")).toEqual([]);
  });

  test("a lock file this extractor did not write is named, not taken over", async () => {
    const lake = openLake(tempLake());
    await lake.writeText(LOCK_PATH, "locked by hand\n");
    await expect(LakeLock.acquire(lake, "run-1")).rejects.toThrow(/has a lock file _lock\.json that is not one this extractor writes; remove it if no extract is running/);
  });
});

describe("npm run extract on a locked lake", () => {
  test("exits 1 naming the running extract and writes nothing; status names it too; a finished run leaves no lock", async () => {
    const sim = await startSimulator({ students: 10 });
    try {
      const root = tempLake();
      const env = envOf(settingsFor(sim, root));
      const lake = openLake(root);
      await lockedBy(lake, holder({}));
      const refused = await runCli(["--resources", "students"], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim()).toMatch(/^extract failed: another extract is writing to the lake \S+: run 20261127T010000000Z-aaaaaa \(process 4242 on other-host/);
      expect(filesBelow(root)).toEqual([LOCK_PATH]);
      const status = await runCli(["status"], env);
      expect(status.stdout).toContain("Locked by run 20261127T010000000Z-aaaaaa (process 4242 on other-host, started ");

      await lake.deleteIfUnchanged(LOCK_PATH, (await lake.readFile(LOCK_PATH)).toString("utf8"));
      const run = await runCli(["--resources", "students"], env);
      expect(run.code).toBe(0);
      expect(existsSync(join(root, LOCK_PATH))).toBe(false);
    } finally {
      await sim.stop();
    }
  });
});
