// One extract at a time per lake: a run holds <lake>/_lock.json from before it reads the watermarks
// until it ends. Two runs writing one lake would each advance the watermarks from their own reading of
// _state.json, and a run that started first (the smaller run id) but read a record last would have its
// newer version lose to the other run's older one until the next run.
//
// A lock is taken over when its run is known to be gone: its process has died (same host), or it has
// not been renewed for STALE_MS (a crashed run elsewhere, e.g. a killed Cloud Run job). Taking over is a
// compare-and-delete of the lock as it was read, so of two runs that both find it stale, one gets it.
import { hostname } from "node:os";
import { LakeError } from "./lake/errors.js";
import type { Lake } from "./lake/types.js";

export const LOCK_PATH = "_lock.json";
/** A holder renews its lock this often… */
const HEARTBEAT_MS = 30_000;
/** …and a lock not renewed for this long is a crashed run's. */
export const STALE_MS = 5 * 60_000;

export interface LockHolder {
  run_id: string;
  host: string;
  pid: number;
  started_at: string;
  renewed_at: string;
}

export class LakeLockedError extends Error {
  override readonly name = "LakeLockedError";
}

/** Whether the lock of `holder` belongs to a run that is gone, and why (undefined: it may be running). */
function staleness(holder: LockHolder, now: Date): string | undefined {
  if (holder.host === hostname() && !processAlive(holder.pid)) return `its process ${holder.pid} on ${holder.host} has ended`;
  const silent = now.getTime() - Date.parse(holder.renewed_at);
  if (!(silent <= STALE_MS)) return `it was last renewed at ${holder.renewed_at}, more than ${STALE_MS / 60_000} minutes ago`;
  return undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by another user
  }
}

export class LakeLock {
  private lost: string | undefined;
  private renewing: Promise<void> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(
    private readonly lake: Lake,
    private holder: LockHolder,
    heartbeatMs: number,
    /** The run whose stale lock this one replaced, and why it was stale. */
    readonly tookOver: string | undefined,
  ) {
    this.heartbeat = setInterval(() => {
      this.renewing = this.renewing.then(() => this.renew());
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  /** Takes the lake's lock for run `runId`, or throws a LakeLockedError naming the run that holds it. */
  static async acquire(lake: Lake, runId: string, { heartbeatMs = HEARTBEAT_MS } = {}): Promise<LakeLock> {
    let tookOver: string | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = new Date().toISOString();
      const holder: LockHolder = { run_id: runId, host: hostname(), pid: process.pid, started_at: now, renewed_at: now };
      if (await lake.createExclusive(LOCK_PATH, lockText(holder))) return new LakeLock(lake, holder, heartbeatMs, tookOver);
      const text = await readLock(lake);
      if (text === undefined) continue; // released meanwhile
      const other = parseLock(lake, text);
      // Our own create, retried after its answer was lost (a GCS save is retried when its precondition makes it safe).
      if (other.run_id === runId && other.pid === process.pid && other.host === holder.host) return new LakeLock(lake, other, heartbeatMs, tookOver);
      const reason = staleness(other, new Date());
      if (!reason) {
        throw new LakeLockedError(
          `another extract is writing to the lake ${lake.uri}: run ${other.run_id} (process ${other.pid} on ${other.host}, started ${other.started_at}, ` +
            `renewed ${other.renewed_at}). Wait for it to end; a run that has crashed releases the lake ${STALE_MS / 60_000} minutes after its last renewal, ` +
            `or at once on the same host.`,
        );
      }
      tookOver = `run ${other.run_id}: ${reason}`;
      await lake.deleteIfUnchanged(LOCK_PATH, text); // false: another run took it over first, and the next attempt says so
    }
    throw new LakeLockedError(`could not take the lock of the lake ${lake.uri} (${LOCK_PATH}): other runs kept taking it`);
  }

  /** Throws when the lock was taken over (this run was silent for too long): its commits would no longer be safe. */
  assertHeld(): void {
    if (this.lost) throw new LakeLockedError(`this run no longer holds the lock of the lake ${this.lake.uri}: ${this.lost}; nothing more was committed`);
  }

  async release(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.renewing;
    if (!this.lost) await this.lake.deleteIfUnchanged(LOCK_PATH, lockText(this.holder));
  }

  /**
   * A renewal replaces the lock only as this run wrote it (compare-and-delete, then create where none is):
   * a lock another run took over in the meantime is never overwritten, and this run learns it lost.
   */
  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      const renewed = { ...this.holder, renewed_at: new Date().toISOString() };
      if ((await this.lake.deleteIfUnchanged(LOCK_PATH, lockText(this.holder))) && (await this.lake.createExclusive(LOCK_PATH, lockText(renewed)))) {
        this.holder = renewed;
        return;
      }
      const text = await readLock(this.lake);
      this.lost = text === undefined ? "its lock file was removed" : `run ${parseLock(this.lake, text).run_id} took it over`;
      clearInterval(this.heartbeat);
    } catch {
      // retried at the next beat: the lock goes stale only after STALE_MS without a renewal
    }
  }
}

function lockText(holder: LockHolder): string {
  return JSON.stringify(holder, null, 2) + "\n";
}

async function readLock(lake: Lake): Promise<string | undefined> {
  try {
    return (await lake.readFile(LOCK_PATH)).toString("utf8");
  } catch (error) {
    if (error instanceof LakeError && (error.code === "ENOENT" || error.code === 404)) return undefined;
    throw error;
  }
}

function parseLock(lake: Lake, text: string): LockHolder {
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (typeof holder.run_id === "string" && typeof holder.host === "string" && Number.isInteger(holder.pid) && typeof holder.renewed_at === "string") return holder;
  } catch {
    // reported below
  }
  throw new LakeLockedError(`the lake ${lake.uri} has a lock file ${LOCK_PATH} that is not one this extractor writes; remove it if no extract is running`);
}
