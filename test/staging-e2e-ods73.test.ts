// @slow (test/support/sequencer.js): over a minute.
// Staging end to end (test/support/staging-e2e.ts) on an ODS/API 7.3 shared instance, DS 5.
import { describeStagingEndToEnd } from "./support/staging-e2e.js";

describeStagingEndToEnd("ODS/API 7.3, DS 5, shared instance", { apiVersion: "7.3", students: 120 });
