// @slow (test/support/sequencer.js): over a minute.
// Staging end to end (test/support/staging-e2e.ts) on ODS/API 6.1, DS 4, one ODS per school year: two
// years, a new full snapshot of one of them, and runs that change only one.
import { describeStagingEndToEnd } from "./support/staging-e2e.js";

describeStagingEndToEnd("ODS/API 6.1, DS 4, year-specific 2024+2025", { apiVersion: "6.1", mode: "year-specific", years: [2024, 2025], students: 60 });
