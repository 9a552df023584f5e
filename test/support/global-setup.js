// Jest globalSetup: gives the run its own temporary folder and starts the GCS emulator.
// Tests make their lakes and databases with mkdtemp(tmpdir()); setting TMPDIR here puts them all in one
// folder that the workers and the processes they start inherit, and that the teardown removes.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import startGcsEmulator from "./gcs-emulator.setup.js";

export default async function globalSetup() {
  const folder = mkdtempSync(join(tmpdir(), "amt-tests-"));
  process.env.TMPDIR = folder;
  globalThis.__testFolder = folder;
  await startGcsEmulator();
}
