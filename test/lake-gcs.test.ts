// The GCS lake against a real GCS-compatible server: firebase-tools' Storage emulator, started for the
// run by test/support/gcs-emulator.setup.js (STORAGE_EMULATOR_HOST). Without it these tests fail.
import { Storage, type Bucket, type File } from "@google-cloud/storage";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLake } from "../extractor/lake/index.js";
import { lakeContract, lakeScript, line, lines, partLines, target } from "./support/lake-contract.js";

const PREFIX = "district/lake";

function emulatorHost(): string {
  const host = process.env.STORAGE_EMULATOR_HOST;
  if (!host) {
    throw new Error(
      `the GCS emulator is not available: ${process.env.GCS_EMULATOR_ERROR ?? "STORAGE_EMULATOR_HOST is not set (run the tests with npm test: jest's globalSetup starts the emulator)"}`,
    );
  }
  return host;
}

const storage = () => new Storage({ projectId: "demo-test" });
const newBucket = () => `lake-test-${randomBytes(5).toString("hex")}`;

beforeAll(async () => {
  const status = await new Promise<number | undefined>((resolve, reject) => {
    get(`${emulatorHost()}/b`, { agent: false }, (response) => resolve(response.resume().statusCode)).once("error", reject);
  });
  expect(status).toBe(200);
});

describe("GCS lake: the shared contract", () => {
  lakeContract((options) => openLake(`gs://${newBucket()}/${PREFIX}`, { ...options, storage: storage() }));
});

interface Call {
  method: "createWriteStream" | "save" | "delete";
  object: string;
  options: Record<string, unknown>;
}

/** The real client, with every File's createWriteStream and save recorded (and still called). */
function recordingStorage(calls: Call[]): Storage {
  const client = storage();
  const bucketOf = client.bucket.bind(client);
  client.bucket = ((name: string, options?: object) => {
    const bucket = bucketOf(name, options);
    const fileOf = bucket.file.bind(bucket);
    bucket.file = ((object: string, fileOptions?: object) => {
      const file = fileOf(object, fileOptions);
      const record = (method: Call["method"], options: unknown) => calls.push({ method, object, options: JSON.parse(JSON.stringify(options ?? {})) });
      const createWriteStream = file.createWriteStream.bind(file);
      file.createWriteStream = ((options?: object) => {
        record("createWriteStream", options);
        return createWriteStream(options);
      }) as File["createWriteStream"];
      const save = file.save.bind(file) as (data: unknown, options?: object) => Promise<void>;
      file.save = ((data: unknown, options?: object) => {
        record("save", options);
        return save(data, options);
      }) as File["save"];
      const remove = file.delete.bind(file) as (options?: object) => Promise<unknown>;
      file.delete = ((options?: object) => {
        record("delete", options);
        return remove(options);
      }) as File["delete"];
      return file;
    }) as Bucket["file"];
    return bucket;
  }) as Storage["bucket"];
  return client;
}

describe("GCS lake", () => {
  test("parts are resumable uploads in one request created with ifGenerationMatch=0; documents are single-request saves", async () => {
    // The emulator ignores preconditions and hangs on chunked uploads, so the options are checked on the client.
    const calls: Call[] = [];
    const bucket = newBucket();
    const lake = openLake(`gs://${bucket}/${PREFIX}`, { storage: recordingStorage(calls), maxPartBytes: 3_000 });
    const writer = lake.openPartition(target);
    for (const l of lines(40)) await writer.write(l);
    const files = await writer.close();
    await lake.writeJson("_state.json", { ok: true });

    const parts = calls.filter((c) => c.object.endsWith(".ndjson.gz"));
    expect(parts.map((c) => c.object)).toEqual(files.map((f) => `${PREFIX}/${f.path}`));
    expect(files.length).toBeGreaterThan(1);
    for (const call of parts) {
      expect(call.method).toBe("createWriteStream");
      expect(call.options).toMatchObject({ resumable: true, preconditionOpts: { ifGenerationMatch: 0 }, contentType: "application/gzip" });
      expect(call.options).not.toHaveProperty("chunkSize");
      expect(call.options).not.toHaveProperty("gzip");
      expect(call.options).not.toHaveProperty(["metadata", "contentEncoding"]);
    }
    const state = calls.filter((c) => c.object === `${PREFIX}/_state.json`);
    expect(state[0]).toMatchObject({ method: "save", options: { resumable: false, contentType: "application/json" } });

    const [metadata] = await storage().bucket(bucket).file(`${PREFIX}/${files[0].path}`).getMetadata();
    expect(metadata).toMatchObject({ contentType: "application/gzip", size: String(files[0].bytes) });
    expect(metadata.contentEncoding).toBeUndefined();
  });

  test("the lock is created with ifGenerationMatch=0 and deleted only at the generation whose text was compared", async () => {
    // The emulator ignores preconditions: the options are checked on the client, the outcome on the server.
    const calls: Call[] = [];
    const bucket = newBucket();
    const lake = openLake(`gs://${bucket}/${PREFIX}`, { storage: recordingStorage(calls) });
    expect(await lake.createExclusive("_lock.json", "mine\n")).toBe(true);
    const [metadata] = await storage().bucket(bucket).file(`${PREFIX}/_lock.json`).getMetadata();
    expect(await lake.deleteIfUnchanged("_lock.json", "mine\n")).toBe(true);
    const lockCalls = calls.filter((c) => c.object === `${PREFIX}/_lock.json` && c.method !== "createWriteStream"); // save() streams through it
    expect(lockCalls.map((c) => [c.method, c.options.preconditionOpts ?? c.options])).toEqual([
      ["save", { ifGenerationMatch: 0 }],
      ["delete", { ifGenerationMatch: metadata.generation }],
    ]);
    expect(await lake.list("")).toEqual([]);
  });

  test("an object appears only when its upload finalises; abort leaves none", async () => {
    const lake = openLake(`gs://${newBucket()}/${PREFIX}`, { storage: storage() });
    const writer = lake.openPartition(target);
    for (const l of lines(10_000)) await writer.write(l); // 3 MiB, batches of 1 MiB: bytes are on their way
    expect(await lake.list("")).toEqual([]);
    await writer.abort();
    expect(await lake.list("")).toEqual([]);

    const again = lake.openPartition({ ...target, runId: "r2" });
    await again.write(line(1, "{}", { run_id: "r2" }));
    const [file] = await again.close();
    expect(await lake.list("")).toEqual([file.path]);
    expect((await partLines(lake, file.path)).map((l) => l.id)).toEqual(["id-000001"]);
  });

  test("abort ends the upload's requests: a process that aborted a part mid-upload exits on its own", async () => {
    // The client alone leaves the upload request open, waiting for bytes that never come: the process would never exit.
    const dir = mkdtempSync(join(tmpdir(), "lake-gcs-"));
    try {
      const run = lakeScript(
        dir,
        `import { randomBytes } from "node:crypto";
         const writer = openLake("gs://${newBucket()}/${PREFIX}").openPartition(${JSON.stringify(target)});
         for (let i = 0; i < 1500; i++) {
           await writer.write({ id: "id-" + i, resource: "students", school_year: 2025, operation: "upsert", change_version: null,
             extracted_at: "2025-11-25T10:15:00Z", run_id: ${JSON.stringify(target.runId)}, snapshot: true,
             data: JSON.stringify({ noise: randomBytes(600).toString("hex") }) }); // hardly compressible: bytes go out
         }
         await new Promise((resolve) => setTimeout(resolve, 200));
         const uploading = process.getActiveResourcesInfo().includes("TCPSocketWrap");
         await writer.abort();
         console.log(JSON.stringify({ uploading }));`,
      );
      const timer = setTimeout(() => run.proc.kill("SIGKILL"), 15_000);
      const exit = await run.exited;
      clearTimeout(timer);
      expect({ exit, stderr: run.stderr() }).toEqual({ exit: { code: 0, signal: null }, stderr: "" });
      expect(JSON.parse(await run.output("}"))).toEqual({ uploading: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the prefix is the lake root: objects outside it are neither listed nor read", async () => {
    const bucket = newBucket();
    await storage().bucket(bucket).file("elsewhere/_state.json").save("{}", { resumable: false });
    await storage().bucket(bucket).file(`${PREFIX}-other/_state.json`).save("{}", { resumable: false });
    const lake = openLake(`gs://${bucket}/${PREFIX}/`, { storage: storage() });
    expect(await lake.list("")).toEqual([]);
    expect(await lake.readJson("_state.json")).toBeUndefined();
    await lake.writeJson("_state.json", { mine: true });
    const [names] = await storage().bucket(bucket).getFiles();
    expect(names.map((f) => f.name).sort()).toEqual([`${PREFIX}-other/_state.json`, `${PREFIX}/_state.json`, "elsewhere/_state.json"]);
  });

  test("failures reject with an error naming the object, and no credentials", async () => {
    const port = await closedPort();
    const saved = process.env.STORAGE_EMULATOR_HOST;
    let unreachable: Storage;
    try {
      process.env.STORAGE_EMULATOR_HOST = `http://127.0.0.1:${port}`;
      unreachable = new Storage({ projectId: "demo-test", retryOptions: { autoRetry: false } });
    } finally {
      process.env.STORAGE_EMULATOR_HOST = saved;
    }
    const lake = openLake(`gs://my-bucket/${PREFIX}`, { storage: unreachable });
    const writer = lake.openPartition(target);
    await writer.write(line(1, "{}"));
    const object = `gs://my-bucket/${PREFIX}/edfi/students/school_year=2025/${target.runId}-00000.ndjson.gz`;
    const failure = await writer.close().then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(new RegExp(`^lake write failed for ${object.replace(/[.]/g, "\\.")}: .*ECONNREFUSED`));
    expect(failure?.message).not.toMatch(/Bearer|Authorization|private_key/i);
    await expect(lake.writeJson("_state.json", {})).rejects.toThrow(`lake write failed for gs://my-bucket/${PREFIX}/_state.json: `);
    await expect(lake.readJson("_state.json")).rejects.toThrow(`lake read failed for gs://my-bucket/${PREFIX}/_state.json: `);
    await expect(lake.list("_runs/")).rejects.toThrow(`lake list failed for gs://my-bucket/${PREFIX}/_runs/: `);
  });
});

/** A local port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
