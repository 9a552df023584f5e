import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SlowFirstSequencer from "./support/sequencer.js";

describe("the test sequencer", () => {
  const dir = mkdtempSync(join(tmpdir(), "sequencer-"));
  const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const big = file("big.test.ts", "// a large, quick file\n" + "x".repeat(5000));
  const marked = file("marked.test.ts", "// @slow (test/support/sequencer.js): over a minute.\n");
  const mentions = file("mentions.test.ts", "// says `// @slow` within a line, which is no mark\n");
  const context = { config: { cache: true, cacheDirectory: dir, haste: {}, id: "sequencer-test" }, hasteFS: { getSize: (path: string) => statSync(path).size } };
  const tests = () => [big, mentions, marked].map((path) => ({ path, context }));
  const names = (sorted: { path: string }[]) => sorted.map(({ path }) => path.slice(dir.length + 1));

  test("without timings, the files marked @slow start first, then Jest's order by size", () => {
    const sequencer = new SlowFirstSequencer({ contexts: [context], globalConfig: {} });
    expect(names(sequencer.sort(tests()))).toEqual(["marked.test.ts", "big.test.ts", "mentions.test.ts"]);
  });

  test("with timings, Jest's order stands: the longest first", () => {
    const sequencer = new SlowFirstSequencer({ contexts: [context], globalConfig: {} });
    const result = (testFilePath: string, runtime: number) => ({ testFilePath, perfStats: { runtime }, numFailingTests: 0, skipped: false });
    const timed = tests();
    sequencer.cacheResults(timed, { testResults: [result(big, 3000), result(mentions, 2000), result(marked, 1000)] });
    expect(names(sequencer.sort(tests()))).toEqual(["big.test.ts", "mentions.test.ts", "marked.test.ts"]);
  });
});
