// Progress of an engine run: a line per finished action above a live bar on a terminal, JSON lines otherwise.
import type { Writable } from "node:stream";
import { jsonLines, liveBlock } from "../lib/progress.js";
import type { ActionKind } from "./compiled-graph.js";
import type { Notice } from "./notices.js";
import { formatTable } from "./query.js";

export type Status = "ok" | "failed" | "assertion-failed" | "skipped" | "disabled";

export interface ActionResult {
  name: string;
  kind: ActionKind | "test";
  fileName: string;
  status: Status;
  seconds: number;
  /** The error, the failing test's diff, or why the action was skipped. */
  message?: string;
  /** Rows returned by a failing assertion. */
  rows?: number;
  /** "merged" or "rebuilt" for incremental tables. */
  detail?: string;
}

export interface Progress {
  begin(run: { actions: number; database: string }): void;
  start(action: { name: string; kind: ActionResult["kind"] }): void;
  done(result: ActionResult): void;
  /** A warning or report of the committed build. */
  notice(notice: Notice): void;
  end(): void;
}

export const silentProgress: Progress = { begin: () => undefined, start: () => undefined, done: () => undefined, notice: () => undefined, end: () => undefined };

/** `{"event":"action","name":"analytics.dim_student","kind":"table","status":"ok","seconds":1.23}` per action. */
export function jsonLinesProgress(out: Writable): Progress {
  const emit = jsonLines(out);
  return {
    begin: (run) => emit("begin", run),
    start: () => undefined,
    done: (result) => emit("action", { ...result, seconds: Number(result.seconds.toFixed(3)) }),
    // `{"event":"warning","name":…,"rows":2,"first":[{column: value, …}, …]}`
    notice: ({ level, name, rows, first }) => emit(level, { name, rows, first: first.rows.map((row) => Object.fromEntries(first.columns.map((column, i) => [column, row[i]]))) }),
    end: () => undefined,
  };
}

const marks: Record<Status, string> = { ok: "✓", failed: "✗", "assertion-failed": "✗", skipped: "–", disabled: "·" };

/** Finished actions scroll by, one line each; the bottom line shows the count done and what is running. */
export function ttyProgress(out: Writable, options: { intervalMs?: number } = {}): Progress {
  const block = liveBlock(out, options.intervalMs ?? 100);
  const running = new Map<string, number>();
  let total = 0;
  let finished = 0;
  const draw = (force = false) => {
    const width = 24;
    const filled = total === 0 ? width : Math.round((finished / total) * width);
    const now = performance.now();
    const active = [...running].map(([name, started]) => `${name} ${((now - started) / 1000).toFixed(0)}s`);
    block.redraw([`[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${finished}/${total}  ${active.join(", ")}`.slice(0, 160)], force);
  };
  return {
    begin: (run) => {
      total = run.actions;
      block.print(`Running ${run.actions} action(s) on ${run.database}`);
    },
    start: (action) => {
      running.set(action.name, performance.now());
      draw();
    },
    done: (result) => {
      running.delete(result.name);
      finished++;
      const extra = result.rows !== undefined ? `  ${result.rows} failing row(s)` : result.detail ? `  ${result.detail}` : "";
      const line = `${marks[result.status]} ${result.kind.padEnd(11)} ${result.name}  ${result.seconds.toFixed(2)}s${extra}`;
      block.print(result.message ? `${line}\n${result.message.trimEnd().replace(/^/gm, "    ")}` : line);
      draw(true);
    },
    notice: ({ level, name, rows, first }) => {
      block.print(`${level === "warning" ? "!" : "i"} ${level.padEnd(11)} ${name}\n${formatTable(first, { total: rows, maxWidth: 60 }).replace(/^/gm, "    ")}`);
      draw(true);
    },
    end: () => draw(true),
  };
}
