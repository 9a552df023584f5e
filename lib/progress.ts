// Building blocks shared by the command-line progress reports (extractor, engine): a redrawn block of
// lines on a terminal, JSON lines elsewhere (logs, CI, Cloud Run), and the end-of-run summary.
import type { Writable } from "node:stream";

/** Writes `{"time":…,"event":…,…fields}` as one line. */
export function jsonLines(out: Writable): (event: string, fields: Record<string, unknown>) => void {
  return (event, fields) => out.write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }) + "\n");
}

/**
 * A block of lines redrawn in place (at most every `intervalMs` unless forced); `print` writes a
 * permanent line above it, so finished items scroll while the live block stays at the bottom.
 */
export function liveBlock(out: Writable, intervalMs: number) {
  let drawn = 0;
  let last = -Infinity;
  let lines: string[] = [];
  const erase = () => (drawn > 0 ? `\x1b[${drawn}A\x1b[J` : "");
  const render = () => {
    out.write(erase() + lines.map((line) => line + "\n").join(""));
    drawn = lines.length;
  };
  return {
    redraw(next: string[], force = false) {
      lines = next;
      const now = performance.now();
      if (!force && now - last < intervalMs) return;
      last = now;
      render();
    },
    print(line: string) {
      out.write(erase() + line + "\n");
      drawn = 0;
      render();
    },
  };
}

/** The end-of-run table: a console table on a terminal, one `summary` JSON line otherwise. */
export function printSummary(rows: object[], tty: boolean, fields: Record<string, unknown> = {}): void {
  if (tty) {
    if (rows.length > 0) console.table(rows);
  } else console.log(JSON.stringify({ event: "summary", ...fields, rows }));
}
