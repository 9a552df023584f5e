import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { jsonLinesProgress, ttyProgress } from "../extractor/progress.js";
import type { ApiShape } from "../extractor/discover.js";
import type { Manifest, ResourceResult } from "../extractor/state.js";
import { startSimulator } from "../simulator/server.js";
import { extractCommand } from "../lib/extract-command.js";
import { tempLake } from "./support/extract.js";

const api = { version: "7.3", dataStandard: 5, yearSpecific: false } as ApiShape;
const result: ResourceResult = { resource: "students", table: "students", expected: 2, landed: 2, deletes: 0, keyChanges: 0, full: true, from: null, files: [], seconds: 0.5 };
const manifest = { runId: "r1", status: "succeeded", http: { requests: 3, retries: 1 }, years: [] } as unknown as Manifest;

function drive(progress: ReturnType<typeof ttyProgress>) {
  progress.begin({ runId: "r1", api, years: [2025], resources: ["students"] });
  progress.plan(2025, { full: true, from: null, to: 10, resourcesInFull: 1, snapshot: "Use-Snapshot", strategy: "cursor" });
  progress.start(2025, "students", "students 2025");
  progress.start(2025, "studentSchoolAssociations", "studentSchoolAssociations 2025");
  progress.page(2025, "students", 2);
  progress.retry({ url: "http://x", what: "students 2025 offset 500", attempt: 1, reason: "503", delayMs: 10 });
  progress.done(2025, "students", result);
  progress.end(manifest);
}

const capture = () => {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { out, text: () => text };
};

describe("progress", () => {
  test("JSON lines: one parseable event per line, no bar", () => {
    const { out, text } = capture();
    drive(jsonLinesProgress(out));
    const events = text().trim().split("\n").map((line) => JSON.parse(line));
    expect(events.map((e) => e.event)).toEqual(["begin", "plan", "retry", "resource", "end"]);
    expect(events[3]).toMatchObject({ year: 2025, resource: "students", landed: 2, expected: 2 });
  });

  test("TTY: a redrawn block with records, pages and retries", () => {
    const { out, text } = capture();
    drive(ttyProgress(out, { intervalMs: 0 }));
    expect(text()).toContain("2025: full snapshot, snapshot Use-Snapshot, cursor paging");
    expect(text()).toMatch(/2025 students\s+2 rec\s+1 pages\s+\d+\/s\s+1 retries/);
    expect(text()).toMatch(/2025 studentSchoolAssociations\s+0 rec\s+0 pages\s+\d+\/s\s+0 retries/);
    expect(text()).toContain("\x1b[");
    expect(text()).toMatch(/1\/2 done {2}retries 1/);
  });

  test("TTY: a retry of the root document, before the run begins, is counted under what is being read", () => {
    const { out, text } = capture();
    ttyProgress(out, { intervalMs: 0 }).retry({ url: "http://x/", what: "the API root document", attempt: 1, reason: "connect ECONNREFUSED", delayMs: 10 });
    expect(text()).toContain("Reading the API's root document  0/0 done  retries 1");
  });

  test("the CLI on a real terminal shows the bar and ends with a summary table", async () => {
    const sim = await startSimulator({ students: 20 });
    try {
      const env = { ...process.env, EDFI_API_BASE_URL: sim.url, EDFI_CLIENT_ID: "edfi-sim-key", EDFI_CLIENT_SECRET: "edfi-sim-secret", EDFI_SCHOOL_YEARS: "2025", LAKE_URI: tempLake() };
      // `script` gives the child a pseudo-terminal, so stdout.isTTY is true as in an interactive shell.
      // (Asynchronous: the simulator runs in this process and must keep answering.)
      const child = spawn("script", ["-qec", [process.execPath, ...extractCommand(), "--resources", "students,schools"].join(" "), "/dev/null"], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
      const run = { status, stdout };
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("Extracting 2 resources");
      expect(run.stdout).toMatch(/│\s+resource\s+│/);
      expect(run.stdout).toMatch(/│[^│\n]*'students'[^│\n]*│/);
    } finally {
      await sim.stop();
    }
  });
});
