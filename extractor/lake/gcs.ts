// A lake in Google Cloud Storage (gs://bucket/prefix). Credentials come from Application Default
// Credentials (or STORAGE_EMULATOR_HOST in tests); key files are never read by this code.
//
// A part is one resumable upload streamed in a single request (no chunkSize: chunked uploads hold each
// chunk in memory), created with ifGenerationMatch=0 so nothing is ever overwritten; the object exists
// only once the upload finalises. Small JSON documents are single-request uploads, atomic by nature.
import type { Bucket, File, Storage } from "@google-cloud/storage";
import { createRequire } from "node:module";
import { LakeError } from "./errors.js";
import { relativePath } from "./layout.js";
import { GzipPartitionWriter, type PartOptions, type PartSink, type PartUpload } from "./partition-writer.js";
import type { Lake, PartitionTarget, PartitionWriter } from "./types.js";

/** The client library is loaded only when a gs:// lake is opened without a client: it takes ~20 MB and a few hundred ms to load. */
function defaultStorage(): Storage {
  const library = createRequire(import.meta.url)("@google-cloud/storage") as typeof import("@google-cloud/storage");
  return new library.Storage();
}

export class GcsLake implements Lake {
  private readonly bucket: Bucket;
  private readonly sink: PartSink;

  constructor(
    readonly uri: string,
    bucket: string,
    /** Object name prefix: "" or ending with "/". */
    private readonly prefix: string,
    private readonly options: PartOptions,
    storage: Storage = defaultStorage(),
  ) {
    this.bucket = storage.bucket(bucket);
    this.sink = { locate: (path) => this.locate(path), open: async (path) => this.openPart(path) };
  }

  openPartition(target: PartitionTarget): PartitionWriter {
    return new GzipPartitionWriter(this.sink, target, this.options);
  }

  async readJson<T>(path: string): Promise<T | undefined> {
    let bytes: Buffer;
    try {
      bytes = await this.download(path);
    } catch (error) {
      if (error instanceof LakeError && error.code === 404) return undefined;
      throw error;
    }
    try {
      return JSON.parse(bytes.toString("utf8")) as T;
    } catch (error) {
      throw new LakeError("read", this.locate(path), `not valid JSON: ${(error as Error).message}`);
    }
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    await this.writeText(path, JSON.stringify(value, null, 2) + "\n");
  }

  async writeText(path: string, text: string): Promise<void> {
    await this.save(path, text);
  }

  async createExclusive(path: string, text: string): Promise<boolean> {
    try {
      await this.save(path, text, { ifGenerationMatch: 0 });
      return true;
    } catch (error) {
      if (error instanceof LakeError && error.code === 412) return false;
      throw error;
    }
  }

  async deleteIfUnchanged(path: string, text: string): Promise<boolean> {
    const object = this.object(path);
    try {
      // The text of one generation, and the delete only of that generation.
      const [metadata] = await this.bucket.file(object).getMetadata();
      const generation = metadata.generation as string;
      const [bytes] = await this.bucket.file(object, { generation }).download();
      if (bytes.toString("utf8") !== text) return false;
      await this.bucket.file(object).delete({ ifGenerationMatch: generation });
      return true;
    } catch (error) {
      const failure = new LakeError("write", this.locate(path), error);
      if (failure.code === 404 || failure.code === 412) return false;
      throw failure;
    }
  }

  private async save(path: string, text: string, preconditionOpts?: { ifGenerationMatch: number }): Promise<void> {
    const file = this.bucket.file(this.object(path));
    try {
      await file.save(text, {
        resumable: false,
        contentType: path.endsWith(".json") ? "application/json" : "application/x-ndjson",
        metadata: { cacheControl: "no-store" },
        ...(preconditionOpts ? { preconditionOpts } : {}),
      });
    } catch (error) {
      throw new LakeError("write", this.locate(path), error);
    }
  }

  async list(prefix: string): Promise<string[]> {
    relativePath(prefix, { prefix: true });
    try {
      const [files] = await this.bucket.getFiles({ prefix: this.prefix + prefix, autoPaginate: true });
      return files
        .map((file) => file.name.slice(this.prefix.length))
        .filter((name) => name !== "" && !name.endsWith("/")) // folder placeholders
        .sort();
    } catch (error) {
      throw new LakeError("list", `gs://${this.bucket.name}/${this.prefix}${prefix}`, error);
    }
  }

  async readFile(path: string): Promise<Buffer> {
    return this.download(path);
  }

  private object(path: string): string {
    return this.prefix + relativePath(path);
  }

  private locate(path: string): string {
    return `gs://${this.bucket.name}/${this.prefix}${path}`;
  }

  private async download(path: string): Promise<Buffer> {
    try {
      const [bytes] = await this.bucket.file(this.object(path)).download();
      return bytes;
    } catch (error) {
      throw new LakeError("read", this.locate(path), error);
    }
  }

  private openPart(path: string): PartUpload {
    const file = this.bucket.file(this.object(path));
    // Destroying the client's write stream stops neither an upload request in flight nor its retries
    // (the request would hang, waiting for bytes that never come). Every request of this upload goes
    // through an adapter that discard() can cancel.
    const cancel = new AbortController();
    const adapter = cancellable(cancel.signal);
    file.interceptors.push({ request: (options) => Object.assign(options as DecorateRequestOptions, { adapter }) });
    const stream = file.createWriteStream({
      resumable: true,
      preconditionOpts: { ifGenerationMatch: 0 },
      // The bytes are gzip, stored as they are. No Content-Encoding: gzip, which would make GCS serve
      // them decompressed to clients that do not ask for gzip, under a .gz name.
      contentType: "application/gzip",
    });
    return {
      stream,
      commit: async () => undefined, // the upload finalised when the stream finished
      discard: async () => {
        // The upload never finalises (its total size was never sent), so no object appears.
        stream.destroy();
        cancel.abort(new Error("lake part discarded"));
      },
    };
  }
}

type DecorateRequestOptions = ReturnType<File["interceptors"][number]["request"]>;

/** The subset of gaxios's request options that the adapter touches. */
interface RequestOptions {
  signal?: { addEventListener(type: "abort", listener: () => void): void; removeEventListener(type: "abort", listener: () => void): void };
}

/** A gaxios adapter that also aborts its request when `signal` aborts, and refuses new requests after that. */
function cancellable(signal: AbortSignal) {
  return async <T>(options: RequestOptions, defaultAdapter: (options: RequestOptions) => Promise<T>): Promise<T> => {
    signal.throwIfAborted();
    const controller = new AbortController();
    const abort = () => controller.abort(signal.reason);
    signal.addEventListener("abort", abort);
    options.signal?.addEventListener("abort", abort); // the client's own signal (it aborts on upload errors)
    try {
      return await defaultAdapter({ ...options, signal: controller.signal });
    } finally {
      signal.removeEventListener("abort", abort);
      options.signal?.removeEventListener("abort", abort);
    }
  };
}
