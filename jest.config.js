/** Jest runs the TypeScript sources as native ES modules (got is ESM-only); ts-jest transpiles only, `tsc` type-checks. */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true }] },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  testTimeout: 60000,
  // A worker per core (Jest's default leaves one idle): the tests spend about half their time waiting on
  // the simulator, child processes and sockets, so two workers on a 2-core machine halve the run.
  maxWorkers: "100%",
  // Without timings (a fresh clone), the files marked `// @slow` start first.
  testSequencer: "<rootDir>/test/support/sequencer.js",
  // The run's own temporary folder (TMPDIR), removed at the end, and a real GCS-compatible server
  // (firebase-tools' Storage emulator) that sets STORAGE_EMULATOR_HOST.
  globalSetup: "<rootDir>/test/support/global-setup.js",
  globalTeardown: "<rootDir>/test/support/global-teardown.js",
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
