// Jest globalTeardown: stops the GCS emulator and removes the run's temporary folder (global-setup.js).
import { rmSync } from "node:fs";
import stopGcsEmulator from "./gcs-emulator.teardown.js";

export default async function globalTeardown() {
  await stopGcsEmulator();
  const folder = globalThis.__testFolder;
  globalThis.__testFolder = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
}
