// The part of sequencer.js that test/sequencer.test.ts uses (the package's own types describe its
// CommonJS build, whose class is a `default` member; Node imports the ESM build, where it is the export).

/** Jest's sequencer, with the files marked `// @slow` first while they have no timings. */
export default class SlowFirstSequencer {
  constructor(options: { contexts: unknown[]; globalConfig: unknown });
  sort<T extends { path: string }>(tests: T[]): T[];
  cacheResults(tests: unknown[], results: unknown): void;
}
