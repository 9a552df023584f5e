// @slow (test/support/sequencer.js): over a minute.
// Staging end to end (test/support/staging-e2e.ts) on an ODS/API 5.3 shared instance, DS 4: PascalCase
// deletes without key values, no /keyChanges, no _lastModifiedDate.
import { describeStagingEndToEnd } from "./support/staging-e2e.js";

describeStagingEndToEnd("ODS/API 5.3, DS 4, shared instance", { apiVersion: "5.3", students: 40 });
