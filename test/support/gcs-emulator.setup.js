// Called by global-setup.js: starts the GCS emulator (gcs-emulator.cjs) for the whole run and exports
// STORAGE_EMULATOR_HOST to the test workers (they inherit this process's environment).
// If it cannot start, the run goes on and GCS_EMULATOR_ERROR says why: tests that need GCS then fail
// with that reason (they never skip), and the other tests are unaffected.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const LAUNCHER = fileURLToPath(new URL("./gcs-emulator.cjs", import.meta.url));
const START_TIMEOUT_MS = 30_000;

export default async function startGcsEmulator() {
  const started = performance.now();
  // Its own TMPDIR: the emulator keeps blobs in $TMPDIR/firebase/storage/blobs and deletes that folder on stop.
  const tmp = mkdtempSync(join(tmpdir(), "gcs-emulator-"));
  const child = spawn(process.execPath, [LAUNCHER], {
    env: { ...process.env, TMPDIR: tmp, HOST: "127.0.0.1", PORT: "0", GCS_EMULATOR_EXIT_WITH_STDIN: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  globalThis.__gcsEmulator = { child, tmp };
  try {
    const url = await readyUrl(child);
    await probe(`${url}/b`);
    process.env.STORAGE_EMULATOR_HOST = url; // no /storage/v1 suffix (see gcs-emulator.md)
    process.env.GCS_EMULATOR_STARTUP_MS = String(Math.round(performance.now() - started));
    delete process.env.GCS_EMULATOR_ERROR;
  } catch (error) {
    process.env.GCS_EMULATOR_ERROR = error.message;
    delete process.env.STORAGE_EMULATOR_HOST;
    process.stderr.write(`\ngcs emulator: ${error.message}\n`);
    child.kill("SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
    globalThis.__gcsEmulator = undefined;
  }
  // Do not keep Jest alive for the emulator's sake; the teardown stops it.
  for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.();
  child.unref();
}

/** The URL from the launcher's ready line; rejects with its output if it exits or stalls first. */
function readyUrl(child) {
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (why) => {
      cleanup();
      reject(new Error(`could not start (${why})${output.trim() ? `:\n${output.trim()}` : ""}`));
    };
    const onData = (chunk) => {
      output += chunk;
      const match = /gcs emulator ready on (http:\/\/\S+)/.exec(output);
      if (match) {
        cleanup();
        resolve(match[1]);
      }
    };
    const onExit = (code, signal) => fail(`exited with ${signal ?? `code ${code}`}`);
    const onError = (error) => fail(error.message);
    const timer = setTimeout(() => fail(`not ready after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stderr.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      child.stdout.resume(); // keep draining so the emulator never blocks on a full pipe
      child.stderr.resume();
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

/** Readiness: the JSON API answers `GET /b` (list buckets). */
async function probe(url) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
      throw new Error(`GET ${url}: ${response.status}`);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`not answering GET ${url}: ${error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
