// Called by global-teardown.js: stops the GCS emulator started by gcs-emulator.setup.js and removes its files.
import { rmSync } from "node:fs";

export default async function stopGcsEmulator() {
  const emulator = globalThis.__gcsEmulator;
  if (!emulator) return;
  globalThis.__gcsEmulator = undefined;
  const { child, tmp } = emulator;
  child.ref();
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(tmp, { recursive: true, force: true });
}
