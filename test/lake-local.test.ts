import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { openLake, parseLakeUri } from "../extractor/lake/index.js";
import { lakeContract, line, lines, lakeScript as child, partLines, READER_GLOB, target } from "./support/lake-contract.js";

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "lake-local-"));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every file under a folder, hidden ones included, as "/"-separated paths relative to it. */
function allFiles(root: string, under = ""): string[] {
  return readdirSync(join(root, under), { withFileTypes: true }).flatMap((entry) => {
    const path = under ? `${under}/${entry.name}` : entry.name;
    return entry.isDirectory() ? allFiles(root, path) : [path];
  });
}

describe("local lake: the shared contract", () => {
  lakeContract((options) => openLake(join(tempDir(), "lake"), options));
});

describe("local lake", () => {
  test("an unfinished part is a hidden temporary file that neither the readers' glob nor list() sees", async () => {
    const root = tempDir();
    const lake = openLake(root);
    const writer = lake.openPartition(target);
    for (const l of lines(10_000)) await writer.write(l); // 3 MiB, batches of 1 MiB: the first has reached the disk
    const during = allFiles(root);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^edfi\/students\/school_year=2025\/\.20251125T101500Z-a1b2c3-00000\.ndjson\.gz\.\d+-[0-9a-f]+\.tmp$/);
    expect(during[0]).not.toMatch(READER_GLOB);
    expect(statSync(join(root, during[0])).size).toBeGreaterThan(0);
    expect(await lake.list("")).toEqual([]);
    const [file] = await writer.close();
    expect(allFiles(root)).toEqual([file.path]);
    expect(file.path).toMatch(READER_GLOB);
  });

  test("abort removes the unfinished temporary part: nothing of it is left", async () => {
    const root = tempDir();
    const writer = openLake(root).openPartition(target);
    for (const l of lines(2_000)) await writer.write(l);
    await writer.abort();
    expect(allFiles(root)).toEqual([]);
    await writer.abort(); // idempotent
    await expect(writer.close()).rejects.toThrow(/students 2025 \(run 20251125T101500Z-a1b2c3\) was aborted/);
  });

  test("a writer killed (SIGKILL) in the middle of a part leaves only its finished parts visible", async () => {
    const root = tempDir();
    const lake = join(root, "lake");
    // Lines of one size; parts of 200 lines: 500 lines finish parts 0 and 1 and leave part 2 half written.
    const run = child(
      root,
      `const make = (i) => ({ id: "id-" + String(i).padStart(6, "0"), resource: "students", school_year: 2025, operation: "upsert",
         change_version: null, extracted_at: "2025-11-25T10:15:00Z", run_id: ${JSON.stringify(target.runId)}, snapshot: true,
         data: JSON.stringify({ i: String(i).padStart(6, "0"), pad: "x".repeat(1000) }) });
       const lineBytes = JSON.stringify(make(0)).length + 1;
       const writer = openLake(${JSON.stringify(lake)}, { maxPartBytes: 200 * lineBytes }).openPartition(${JSON.stringify(target)});
       for (let i = 0; i < 500; i++) await writer.write(make(i));
       // The third part's temporary file is opened asynchronously: kill only once it exists.
       const { readdirSync } = await import("node:fs");
       const folder = ${JSON.stringify(lake)} + "/edfi/students/school_year=2025";
       while (!readdirSync(folder).some((name) => name.endsWith(".tmp"))) await new Promise((resolve) => setTimeout(resolve, 10));
       console.log("mid-part");
       setInterval(() => undefined, 1000);`,
    );
    await run.output("mid-part");
    run.proc.kill("SIGKILL");
    expect((await run.exited).signal).toBe("SIGKILL");
    const files = allFiles(lake);
    const visible = files.filter((f) => READER_GLOB.test(f));
    expect(visible).toEqual([0, 1].map((n) => `edfi/students/school_year=2025/${target.runId}-0000${n}.ndjson.gz`));
    for (const path of visible) expect(gunzipSync(readFileSync(join(lake, path))).toString("utf8").split("\n")).toHaveLength(201); // whole files
    const leftovers = files.filter((f) => !READER_GLOB.test(f));
    expect(leftovers).toHaveLength(1); // the killed part: hidden, never matched by readers
    expect(leftovers[0]).toMatch(/\/\.[^/]+-00002\.ndjson\.gz\.\d+-[0-9a-f]+\.tmp$/);
    expect(await openLake(lake).list("edfi/")).toEqual(visible);
  });

  test("memory stays flat while writing 200 MB of lines", async () => {
    const root = tempDir();
    const run = child(
      root,
      `const writer = openLake(${JSON.stringify(join(root, "lake"))}).openPartition(${JSON.stringify(target)});
       const total = 200 * 1024 * 1024;
       let written = 0, baseline = 0, peak = 0, seed = 1;
       const text = () => { let s = ""; for (let k = 0; k < 24; k++) { seed = (seed * 1103515245 + 12345) >>> 0; s += seed.toString(36); } return s; };
       for (let i = 0; written < total; i++) {
         const data = JSON.stringify({ id: "id-" + i, studentUniqueId: String(600000 + i), words: text(), more: text(), score: "88.00" });
         const line = { id: "id-" + i, resource: "students", school_year: 2025, operation: "upsert", change_version: null,
           extracted_at: new Date().toISOString(), run_id: ${JSON.stringify(target.runId)}, snapshot: true, data };
         await writer.write(line);
         written += JSON.stringify(line).length + 1;
         if (i % 2000 === 0) {
           const rss = process.memoryUsage().rss;
           if (baseline === 0 && written > 8 * 1024 * 1024) baseline = rss;
           if (baseline) peak = Math.max(peak, rss);
         }
       }
       const files = await writer.close();
       console.log(JSON.stringify({ written, baseline, peak, files }));`,
    );
    const out = await run.output("}]}");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const result = JSON.parse(out) as { written: number; baseline: number; peak: number; files: { path: string; lines: number; bytes: number }[] };
    const growthMb = (result.peak - result.baseline) / 1024 / 1024;
    expect(result.written).toBeGreaterThanOrEqual(200 * 1024 * 1024);
    expect(result.files).toHaveLength(4); // 64 MiB parts
    expect(growthMb).toBeLessThan(100);
    process.stdout.write(`lake-local: 200 MB written, RSS growth ${growthMb.toFixed(1)} MB\n`);
  }, 180_000);

  test("writeJson is atomic: readers always see a whole document, and no temporary file is left", async () => {
    const root = tempDir();
    const lake = openLake(root);
    const doc = (n: number) => ({ n, rows: Array.from({ length: 5_000 }, (_, i) => ({ i, text: `row ${i} of version ${n}` })) });
    await lake.writeJson("_state.json", doc(0));
    let writing = true;
    const seen = new Set<number>();
    const reader = (async () => {
      while (writing) {
        const got = await lake.readJson<ReturnType<typeof doc>>("_state.json"); // a torn file would not parse
        expect(got!.rows).toHaveLength(5_000);
        seen.add(got!.n);
      }
    })();
    for (let n = 1; n <= 20; n++) await lake.writeJson("_state.json", doc(n));
    writing = false;
    await reader;
    expect(seen.size).toBeGreaterThan(1);
    expect(allFiles(root)).toEqual(["_state.json"]);
    expect((await lake.readJson<{ n: number }>("_state.json"))!.n).toBe(20);
  });

  test("a part that already exists is never overwritten", async () => {
    const root = tempDir();
    const lake = openLake(root);
    const first = lake.openPartition(target);
    await first.write(line(1, '{"first":true}'));
    const [file] = await first.close();
    const again = lake.openPartition(target);
    await expect(again.write(line(2, '{"second":true}'))).rejects.toThrow(
      new RegExp(`lake write failed for ${escape(root)}/edfi/students/school_year=2025/${target.runId}-00000\\.ndjson\\.gz: the file already exists`),
    );
    expect((await partLines(lake, file.path)).map((l) => l.data)).toEqual(['{"first":true}']);
    expect(allFiles(root)).toEqual([file.path]);
  });

  test("I/O failures reject with an error naming the file", async () => {
    const root = tempDir();
    const lake = openLake(root);
    mkdirSync(join(root, "edfi"));
    writeFileSync(join(root, "edfi", "students"), "not a folder");
    const writer = lake.openPartition(target);
    const expected = new RegExp(`^lake write failed for ${escape(root)}/edfi/students/school_year=2025/${target.runId}-00000\\.ndjson\\.gz: .*(ENOTDIR|EEXIST)`);
    await expect(writer.close()).rejects.toThrow(expected);
    await expect(writer.abort()).resolves.toBeUndefined();
    writeFileSync(join(root, "_state.json"), "{ torn");
    await expect(lake.readJson("_state.json")).rejects.toThrow(new RegExp(`^lake read failed for ${escape(root)}/_state\\.json: not valid JSON`));
    await expect(lake.writeJson("edfi/students/x.json", {})).rejects.toThrow(new RegExp(`^lake write failed for ${escape(root)}/edfi/students/x\\.json: `));
    await expect(lake.readJson("../outside.json")).rejects.toThrow(/invalid lake path "..\/outside.json"/);
  });

  test("bad partition names fail when the partition is opened", () => {
    const lake = openLake(tempDir());
    expect(() => lake.openPartition({ ...target, table: "../students" })).toThrow(/invalid lake table "..\/students"/);
    expect(() => lake.openPartition({ ...target, schoolYear: 25 })).toThrow(/invalid lake school year 25/);
  });
});

describe("openLake URIs", () => {
  test("a relative folder is resolved against the working directory and created", async () => {
    const root = join(tempDir(), "new", "lake");
    const lake = openLake(relative(process.cwd(), root));
    expect(statSync(root).isDirectory()).toBe(true);
    await lake.writeJson("_state.json", { ok: true });
    expect(JSON.parse(readFileSync(join(root, "_state.json"), "utf8"))).toEqual({ ok: true });
    expect(parseLakeUri("lake", "/srv/data")).toEqual({ kind: "local", root: "/srv/data/lake" });
    expect(parseLakeUri("file:///srv/lake")).toEqual({ kind: "local", root: "/srv/lake" });
  });

  test("gs://bucket[/prefix] is GCS", () => {
    expect(parseLakeUri("gs://my-bucket")).toEqual({ kind: "gcs", bucket: "my-bucket", prefix: "" });
    expect(parseLakeUri("gs://my-bucket/")).toEqual({ kind: "gcs", bucket: "my-bucket", prefix: "" });
    expect(parseLakeUri("gs://my-bucket/district/lake/")).toEqual({ kind: "gcs", bucket: "my-bucket", prefix: "district/lake/" });
    expect(openLake("gs://my-bucket/district").uri).toBe("gs://my-bucket/district");
  });

  test.each(["gs://", "gs:///prefix", "gs://Bad_Bucket!/x", "s3://bucket/lake", "https://example.org/lake", "", "gs://b-1/a/../b"])(
    "%j is an error naming the URI and what is accepted",
    (uri) => {
      expect(() => openLake(uri)).toThrow(`invalid lake URI ${JSON.stringify(uri)}`);
      expect(() => openLake(uri)).toThrow(/expected a local folder path or gs:\/\/<bucket>\[\/<prefix>\]/);
    },
  );

  test("bad options are refused", () => {
    expect(() => openLake(tempDir(), { maxPartBytes: 0 })).toThrow(/maxPartBytes/);
    expect(() => openLake(tempDir(), { gzipLevel: 10 })).toThrow(/gzipLevel/);
  });
});
