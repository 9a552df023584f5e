// Jest orders the test files it has no timings for (a fresh clone, as in CI) by size, the largest first.
// The slowest files are small ones that hand their work to a shared module (test/support/staging-e2e.ts)
// or to a child process; started last, they kept one worker busy for minutes after the other had
// finished. Files marked with a `// @slow` line therefore start first while they have no timings; once
// Jest has timed them, its own order (longest first) stands.
import { readFileSync } from "node:fs";
import Sequencer from "@jest/test-sequencer";

const MARK = /^\/\/ @slow\b/m;

export default class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const first = (test) => test.duration == null && MARK.test(readFileSync(test.path, "utf8"));
    return [...sorted.filter(first), ...sorted.filter((test) => !first(test))];
  }
}
