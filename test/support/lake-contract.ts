// The behaviour every Lake implementation shares (extractor/lake/types.ts), as one suite that the local
// and the GCS tests both run against a real folder / a real GCS server.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, inflateRawSync } from "node:zlib";
import type { Lake, LakeLine, LineEnvelope, PartitionTarget } from "../../extractor/lake/types.js";
import { scanJson } from "../../extractor/verbatim.js";

export const FIELD_ORDER = ["id", "resource", "school_year", "operation", "change_version", "extracted_at", "run_id", "snapshot", "data"];

/** The readers' glob `edfi/*\/school_year=*\/*.ndjson.gz` as a test on a lake-relative path. */
export const READER_GLOB = /^edfi\/[^/]+\/school_year=[^/]+\/[^/]*\.ndjson\.gz$/;

export const target: PartitionTarget = { table: "students", schoolYear: 2025, runId: "20251125T101500Z-a1b2c3" };

/** API texts a lossless lake must keep byte for byte. */
export const TRICKY_DATA = [
  '{"id":"a","score":88.00,"big":12345678901234567890,"exp":1E+2,"neg":-0.0}',
  '{"id":"b","name":"Zoë Ñúñez 李小龍 🎓","quote":"she said \\"hi\\"\\n","slash":"a\\/b","u":"\\u00e9"}',
  '{ "id" : "c",  "spaced" : [ 1 , 2 ] }',
  '{"id":"d","lone":"\\ud800","nul":"\\u0000","tab":"\t"}',
  "[]",
];

export function line(i: number, data: string, overrides: Partial<LakeLine> = {}): LakeLine {
  return {
    id: `id-${String(i).padStart(6, "0")}`,
    resource: "students",
    school_year: target.schoolYear,
    operation: i % 7 === 3 ? "delete" : "upsert",
    change_version: i % 7 === 3 ? 1000 + i : null,
    extracted_at: "2025-11-25T10:15:00.123Z",
    run_id: target.runId,
    snapshot: i % 2 === 0,
    data,
    ...overrides,
  };
}

export function lines(count: number, dataBytes = 100): LakeLine[] {
  return Array.from({ length: count }, (_, i) => line(i, JSON.stringify({ id: i, pad: "x".repeat(dataBytes), value: `${i}.50` })));
}

/** The raw NDJSON text of a part file. */
export async function partText(lake: Lake, path: string): Promise<string> {
  return gunzipSync(await lake.readFile(path)).toString("utf8");
}

export async function partLines(lake: Lake, path: string): Promise<LakeLine[]> {
  return (await partText(lake, path))
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as LakeLine);
}

async function write(lake: Lake, all: LakeLine[], at: PartitionTarget = target) {
  const writer = lake.openPartition(at);
  for (const l of all) await writer.write(l);
  return writer.close();
}

const LAKE_MODULE = pathToFileURL(join(process.cwd(), "extractor/lake/index.ts")).href;

/**
 * Runs a script (an ES module, TypeScript allowed, with `openLake` imported) in a child process, for what
 * a test process cannot do to itself: be killed mid-write, measure its memory, exit on its own.
 */
export function lakeScript(dir: string, script: string) {
  const file = join(dir, "child.mts");
  writeFileSync(file, `import { openLake } from ${JSON.stringify(LAKE_MODULE)};\n${script}`);
  const proc = spawn(process.execPath, ["--import", "tsx", file], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  proc.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  proc.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
  /** Resolves with all of stdout once it contains `marker`; rejects if the process exits first. */
  const output = (marker: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (stdout.includes(marker)) resolve(stdout);
        else if (proc.exitCode !== null || proc.signalCode !== null) reject(new Error(`child exited without "${marker}": ${stderr}`));
        else setTimeout(check, 20);
      };
      check();
    });
  return { proc, exited, output, stderr: () => stderr };
}

/** Registers the shared tests; `open` gives a fresh, empty lake for each test. */
export function lakeContract(open: (options?: { maxPartBytes?: number }) => Lake | Promise<Lake>): void {
  test("lines round-trip exactly: the declared fields in order, data byte-identical", async () => {
    const lake = await open();
    const input = TRICKY_DATA.map((data, i) => line(i, data));
    const files = await write(lake, input);
    expect(files).toEqual([{ path: "edfi/students/school_year=2025/20251125T101500Z-a1b2c3-00000.ndjson.gz", lines: input.length, bytes: expect.any(Number) }]);
    expect((await lake.readFile(files[0].path)).length).toBe(files[0].bytes);
    const text = await partText(lake, files[0].path);
    expect(text.endsWith("\n")).toBe(true);
    const raw = text.split("\n").slice(0, -1);
    expect(raw).toHaveLength(input.length);
    raw.forEach((text, i) => {
      const parsed = JSON.parse(text) as LakeLine;
      expect(Object.keys(parsed)).toEqual(FIELD_ORDER);
      expect(parsed).toEqual(input[i]);
      expect(parsed.data).toBe(TRICKY_DATA[i]);
    });
  });

  test("lines over several compression batches, one line larger than a batch, round-trip in order", async () => {
    const lake = await open();
    const big = line(100_000, JSON.stringify({ pad: "y".repeat(1_500_000) }));
    const input = [...lines(4_000, 300), big, ...lines(4_000, 300).map((l, i) => ({ ...l, id: `after-${i}` }))];
    const files = await write(lake, input);
    expect(files).toHaveLength(1);
    expect(await partLines(lake, files[0].path)).toEqual(input);
    // One gzip member, not one per batch: header, a single deflate stream, trailer.
    const bytes = await lake.readFile(files[0].path);
    expect(inflateRawSync(bytes.subarray(10, -8)).equals(gunzipSync(bytes))).toBe(true);
  });

  test("parts roll at maxPartBytes: several complete gzip files, in order, none over the limit", async () => {
    const maxPartBytes = 4_000;
    const lake = await open({ maxPartBytes });
    const input = lines(120);
    const files = await write(lake, input);
    expect(files.length).toBeGreaterThan(3);
    expect(files.map((f) => f.path)).toEqual(files.map((_, i) => `edfi/students/school_year=2025/${target.runId}-${String(i).padStart(5, "0")}.ndjson.gz`));
    expect(await lake.list("edfi/students/")).toEqual(files.map((f) => f.path));
    const back: LakeLine[] = [];
    for (const file of files) {
      const text = await partText(lake, file.path); // each part is a whole gzip file on its own
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxPartBytes);
      const got = await partLines(lake, file.path);
      expect(got).toHaveLength(file.lines);
      back.push(...got);
    }
    expect(back).toEqual(input);
  });

  test("pages land as the same lines as write() lands, rolling parts at the same points", async () => {
    const envelope: LineEnvelope = { resource: "students", school_year: target.schoolYear, operation: "upsert", extracted_at: "2025-11-25T10:15:00.123Z", run_id: target.runId, snapshot: true };
    // Every record of a page has a string id (the read refuses any other); a raw tab in a string is not JSON.
    const valid = TRICKY_DATA.filter((data) => !data.includes("\t") && data.startsWith("{"));
    const records = [...valid, ...Array.from({ length: 120 }, (_, i) => JSON.stringify({ id: `id-${i}`, pad: "x".repeat(100), changeVersion: i % 7 === 3 ? 1000 + i : null }))];
    const expected = records.map((data): LakeLine => {
      const { id, changeVersion } = JSON.parse(data) as { id: string; changeVersion?: number | null };
      return { ...envelope, id, change_version: changeVersion ?? null, data };
    });
    const scanned = (texts: string[]) => {
      const page = scanJson(Buffer.from(`[${texts.join(" ,\n")}]`));
      if (page.kind !== "array") throw new Error("not an array");
      return page.elements;
    };
    const byLine = await open({ maxPartBytes: 4_000 });
    const byPage = await open({ maxPartBytes: 4_000 });
    const lineFiles = await write(byLine, expected);
    const writer = byPage.openPartition(target);
    await writer.writePage({ envelope, records: scanned(records.slice(0, 50)) });
    await writer.writePage({ envelope, records: scanned(records.slice(50)) });
    const pageFiles = await writer.close();
    expect(pageFiles.map((f) => [f.path, f.lines])).toEqual(lineFiles.map((f) => [f.path, f.lines]));
    expect(lineFiles.length).toBeGreaterThan(3);
    for (const [i, file] of pageFiles.entries()) expect(await partText(byPage, file.path)).toBe(await partText(byLine, lineFiles[i].path));
  });

  test("a writer that got no lines closes with one valid empty part", async () => {
    const lake = await open();
    const files = await write(lake, [], { ...target, table: "grading_periods" });
    expect(files).toEqual([{ path: `edfi/grading_periods/school_year=2025/${target.runId}-00000.ndjson.gz`, lines: 0, bytes: expect.any(Number) }]);
    expect(await partText(lake, files[0].path)).toBe("");
  });

  test("abort keeps the finished parts and makes nothing of the unfinished one visible", async () => {
    const lake = await open({ maxPartBytes: 2_000 });
    const writer = lake.openPartition(target);
    for (const l of lines(30)) await writer.write(l);
    await writer.abort();
    const visible = await lake.list("edfi/");
    expect(visible.length).toBeGreaterThan(0);
    for (const path of visible) expect((await partLines(lake, path)).length).toBeGreaterThan(0);
    await expect(writer.write(line(99, "{}"))).rejects.toThrow(/aborted/);
    const total = (await Promise.all(visible.map((p) => partLines(lake, p)))).flat().length;
    expect(total).toBeLessThan(30);
  });

  test("a line of another run or year is refused, naming what is wrong", async () => {
    const lake = await open();
    const writer = lake.openPartition(target);
    await expect(writer.write(line(1, "{}", { run_id: "other" }))).rejects.toThrow(/run_id "other" is not the partition's/);
    await expect(writer.write(line(1, "{}", { school_year: 2024 }))).rejects.toThrow(/school_year 2024/);
    await writer.write(line(2, "{}"));
    expect((await writer.close())[0].lines).toBe(1);
  });

  test("writeJson replaces a document, readJson reads it back or undefined, list is sorted and by prefix", async () => {
    const lake = await open();
    expect(await lake.readJson("_state.json")).toBeUndefined();
    await lake.writeJson("_state.json", { version: 1, watermarks: { students: 10 } });
    await lake.writeJson("_state.json", { version: 2, note: "Zoë 🎓" });
    expect(await lake.readJson("_state.json")).toEqual({ version: 2, note: "Zoë 🎓" });
    await lake.writeJson("_runs/r2.json", { runId: "r2" });
    await lake.writeJson("_runs/r1.json", { runId: "r1" });
    await write(lake, lines(2));
    expect(await lake.list("_runs/")).toEqual(["_runs/r1.json", "_runs/r2.json"]);
    expect(await lake.list("_runs/r1")).toEqual(["_runs/r1.json"]);
    expect(await lake.list("")).toEqual(["_runs/r1.json", "_runs/r2.json", "_state.json", `edfi/students/school_year=2025/${target.runId}-00000.ndjson.gz`]);
    expect(await lake.list("nothing/here/")).toEqual([]);
    expect(JSON.parse((await lake.readFile("_runs/r1.json")).toString("utf8"))).toEqual({ runId: "r1" });
  });

  test("createExclusive makes a whole file where none is; deleteIfUnchanged deletes only the text it is given", async () => {
    const lake = await open();
    expect(await lake.createExclusive("_lock.json", "first\n")).toBe(true);
    expect((await lake.readFile("_lock.json")).toString("utf8")).toBe("first\n");
    expect(await lake.deleteIfUnchanged("_lock.json", "other\n")).toBe(false);
    expect((await lake.readFile("_lock.json")).toString("utf8")).toBe("first\n");
    expect(await lake.deleteIfUnchanged("_lock.json", "first\n")).toBe(true);
    expect(await lake.list("")).toEqual([]);
    expect(await lake.deleteIfUnchanged("_lock.json", "first\n")).toBe(false);
  });

  test("reading a missing file is an error naming it", async () => {
    const lake = await open();
    await expect(lake.readFile("edfi/nope/school_year=2025/x.ndjson.gz")).rejects.toThrow(/lake read failed for \S*edfi\/nope\/school_year=2025\/x\.ndjson\.gz: /);
  });
}
