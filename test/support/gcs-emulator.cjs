#!/usr/bin/env node
// A real GCS-compatible server for the tests: firebase-tools' Storage emulator HTTP server, started
// without its Java rules runtime (which needs Java 21 and a 53 MB download; the GCS JSON API routes
// never evaluate rules). See /work/shared/research/gcs-emulator.md. It deep-imports firebase-tools
// internals, so firebase-tools is pinned exactly in package.json.
//
//   node test/support/gcs-emulator.cjs            # prints "gcs emulator ready on http://127.0.0.1:<port>"
//   PORT=9199 HOST=127.0.0.1 node test/support/gcs-emulator.cjs
//
// Port 0 (the default) picks a free port. Blobs live under $TMPDIR/firebase/storage/blobs and are
// removed on stop, so give each instance its own TMPDIR. It stops on SIGTERM/SIGINT and, with
// GCS_EMULATOR_EXIT_WITH_STDIN=1, when its stdin closes (the parent died), so a killed test run leaves
// no server behind.
"use strict";
const { StorageEmulator } = require("firebase-tools/lib/emulator/storage");
const { createApp } = require("firebase-tools/lib/emulator/storage/server");
const { EmulatorRegistry } = require("firebase-tools/lib/emulator/registry");

const host = process.env.HOST || "127.0.0.1";

class NoRulesStorageEmulator extends StorageEmulator {
  async start() {
    this._app = await createApp(this.args.projectId, this);
    await new Promise((resolve, reject) => {
      this._server = this._app.listen(this.args.port, this.args.host, resolve).once("error", reject);
    });
    this.args.port = this._server.address().port; // port 0: the one the system picked
  }
  async stop() {
    await this._persistence.deleteAll().catch(() => undefined);
    if (this._server) {
      this._server.closeAllConnections?.();
      await new Promise((resolve) => this._server.close(() => resolve()));
    }
  }
}

async function main() {
  const port = Number(process.env.PORT || 0);
  // The registry must know the instance: object metadata builds URLs from EmulatorRegistry.url("storage").
  const emulator = new NoRulesStorageEmulator({ host, port, projectId: process.env.PROJECT_ID || "demo-test", rules: undefined });
  await EmulatorRegistry.start(emulator);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  if (process.env.GCS_EMULATOR_EXIT_WITH_STDIN === "1") process.stdin.on("end", shutdown).on("error", shutdown).resume();
  process.stdout.write(`gcs emulator ready on http://${host}:${emulator.getInfo().port}\n`);
}

main().catch((error) => {
  process.stderr.write(`gcs emulator failed to start: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
