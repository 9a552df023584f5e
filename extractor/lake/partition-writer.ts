// The PartitionWriter of every lake: lines are batched, gzipped and streamed part by part to a sink,
// rolling to a new part at a size limit. Only the sink differs between a folder and GCS.
//
// Memory stays flat whatever the volume: lines are built straight into one batch buffer (1 MiB, or
// one larger line), compressed on the calling thread (gzip-member.ts says why) when it is full, and
// a write waits while the sink cannot take more.
import { PassThrough, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { LakeError } from "./errors.js";
import { GzipMember } from "./gzip-member.js";
import { PageLines, partPath, serializeLine } from "./layout.js";
import type { LakeLine, Page, PartitionTarget, PartitionWriter, WrittenFile } from "./types.js";

export const DEFAULT_MAX_PART_BYTES = 64 * 1024 * 1024;
export const DEFAULT_GZIP_LEVEL = 6;
/** Lines are compressed in batches of up to this size (or one larger line): each batch starts gzip's window afresh, and tiny writes are slow, above all to GCS. */
const BATCH_BYTES = 1024 * 1024;

/** Lines to append: their sizes, known up front, and the bytes of any run of them. */
interface Lines {
  readonly count: number;
  size(i: number): number;
  /** Writes lines [from, to) into `out` at `at`; returns the offset after them. */
  build(from: number, to: number, out: Buffer, at: number): number;
}

/** The destination of one part, invisible until committed. */
export interface PartUpload {
  /** Receives the part's gzip bytes; "finish" means the destination accepted every byte. */
  readonly stream: Writable;
  /** After the stream finished: make the part durable and visible under its final name. */
  commit(): Promise<void>;
  /** Give the part up: nothing of it becomes visible. Never rejects. */
  discard(): Promise<void>;
}

/** Where parts go: a folder or a bucket. */
export interface PartSink {
  /** The full location of a lake path, for messages: an absolute file path or a gs:// URI. */
  locate(path: string): string;
  /** Start a part at a lake path. */
  open(path: string): Promise<PartUpload>;
}

export interface PartOptions {
  /** A part rolls before its uncompressed size would pass this (a single larger line gets a part of its own). */
  maxPartBytes: number;
  gzipLevel: number;
}

interface OpenPart {
  path: string;
  upload: PartUpload;
  gzip: GzipMember;
  /** Takes the part's gzip bytes to the sink. */
  head: PassThrough;
  lines: number;
  rawBytes: number;
  compressedBytes: number;
  /** Settles once every byte reached the sink; rejects with the first failure of any stage. */
  done: Promise<void>;
}

type State = "open" | "closing" | "closed" | "failed" | "aborted";

export function checkPartOptions(options: Partial<PartOptions>): PartOptions {
  const maxPartBytes = options.maxPartBytes ?? DEFAULT_MAX_PART_BYTES;
  const gzipLevel = options.gzipLevel ?? DEFAULT_GZIP_LEVEL;
  if (!Number.isSafeInteger(maxPartBytes) || maxPartBytes < 1) throw new Error(`invalid maxPartBytes ${maxPartBytes}: expected a positive integer`);
  if (!Number.isInteger(gzipLevel) || gzipLevel < 0 || gzipLevel > 9) throw new Error(`invalid gzipLevel ${gzipLevel}: expected an integer from 0 to 9`);
  return { maxPartBytes, gzipLevel };
}

export class GzipPartitionWriter implements PartitionWriter {
  private state: State = "open";
  private failure: Error | undefined;
  private part: OpenPart | undefined;
  private nextPart = 0;
  private readonly written: WrittenFile[] = [];
  /** The lines not yet compressed are batch[0, batchBytes): one buffer, filled again after each flush. */
  private batch = Buffer.alloc(0);
  private batchBytes = 0;
  /** Operations run one at a time, in call order, even if a caller does not wait for each write. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sink: PartSink,
    private readonly target: PartitionTarget,
    private readonly options: PartOptions,
  ) {
    partPath(target, 0); // a bad table, year or run id fails here, not at the first line
  }

  write(line: LakeLine): Promise<void> {
    return this.append(() => {
      const text = serializeLine(line, this.target);
      const bytes = Buffer.byteLength(text);
      return { count: 1, size: () => bytes, build: (_from, _to, out, at) => at + out.write(text, at) };
    });
  }

  writePage(page: Page): Promise<void> {
    return this.append(() => new PageLines(page, this.target));
  }

  close(): Promise<WrittenFile[]> {
    if (this.state === "closed") return Promise.resolve([...this.written]);
    if (this.state !== "open") return Promise.reject(this.unusable());
    this.state = "closing";
    return this.enqueue(async () => {
      if (!this.part && this.written.length === 0) await this.startPart(); // every partition gets a part
      if (this.part) await this.finishPart(this.part);
      this.state = "closed";
      return [...this.written];
    });
  }

  async abort(): Promise<void> {
    if (this.state === "open" || this.state === "closing") {
      this.state = "aborted";
      const part = this.part;
      this.part = undefined;
      this.batchBytes = 0;
      if (part) await discard(part);
    }
    await this.tail;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => {
      if (this.state === "failed" || this.state === "aborted") throw this.unusable();
      return operation();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Check the lines at once (a bad line rejects without harming the writer), then queue them. */
  private append(make: () => Lines): Promise<void> {
    if (this.state !== "open") return Promise.reject(this.unusable());
    let lines: Lines;
    try {
      lines = make();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.enqueue(async () => {
      const max = this.options.maxPartBytes;
      for (let from = 0; from < lines.count; ) {
        if (this.part && this.part.rawBytes > 0 && this.part.rawBytes + lines.size(from) > max) await this.finishPart(this.part);
        const part = this.part ?? (await this.startPart());
        if (this.batchBytes > 0 && this.batchBytes + lines.size(from) > BATCH_BYTES) await this.flush(part);
        // The lines that fit in this part and this batch (at least one: a larger line gets a part and a batch of its own).
        let to = from + 1;
        let bytes = lines.size(from);
        const room = Math.min(max - part.rawBytes, BATCH_BYTES - this.batchBytes);
        while (to < lines.count && bytes + lines.size(to) <= room) bytes += lines.size(to++);
        part.lines += to - from;
        part.rawBytes += bytes;
        if (this.batch.length < this.batchBytes + bytes) this.batch = Buffer.allocUnsafe(Math.max(BATCH_BYTES, bytes)); // only when empty
        this.batchBytes = lines.build(from, to, this.batch, this.batchBytes);
        from = to;
      }
    });
  }

  /** Compress the batch and send it; wait while the sink cannot take more. */
  private flush(part: OpenPart): Promise<void> {
    return this.send(part, () => {
      const compressed = part.gzip.deflate(this.batch.subarray(0, this.batchBytes)); // synchronous: the batch can be filled again
      this.batchBytes = 0;
      return compressed;
    });
  }

  /** Send what `make` compresses; a failure of either makes the writer unusable, naming the part. */
  private async send(part: OpenPart, make: () => Buffer): Promise<void> {
    try {
      const bytes = make();
      part.compressedBytes += bytes.length;
      if (!part.head.write(bytes)) await drained(part.head);
    } catch (error) {
      throw await this.fail(part.path, part, error);
    }
  }

  private async startPart(): Promise<OpenPart> {
    const path = partPath(this.target, this.nextPart);
    this.nextPart += 1;
    let upload: PartUpload;
    try {
      upload = await this.sink.open(path);
    } catch (error) {
      throw await this.fail(path, undefined, error);
    }
    const head = new PassThrough();
    const done: Promise<void> = pipeline(head, upload.stream);
    const part: OpenPart = { path, upload, gzip: new GzipMember(this.options.gzipLevel), head, lines: 0, rawBytes: 0, compressedBytes: 0, done };
    part.done.catch(() => undefined); // awaited in finishPart; a failure before then surfaces at the next write
    if (this.state === "aborted") {
      await discard(part);
      throw this.unusable();
    }
    this.part = part;
    return part;
  }

  private async finishPart(part: OpenPart): Promise<void> {
    try {
      if (this.batchBytes > 0) await this.flush(part);
      await this.send(part, () => part.gzip.end());
      part.head.end();
      await part.done;
      await part.upload.commit();
    } catch (error) {
      throw await this.fail(part.path, part, error);
    }
    if (this.state === "aborted") return; // finished before the abort: the part stays, as the contract says
    this.written.push({ path: part.path, lines: part.lines, bytes: part.compressedBytes });
    this.part = undefined;
  }

  /** The writer is unusable from now on; the unfinished part is dropped. Returns the error to throw. */
  private async fail(path: string, part: OpenPart | undefined, error: unknown): Promise<Error> {
    if (this.state === "aborted") return this.unusable();
    if (this.state !== "failed") {
      this.state = "failed";
      this.failure = error instanceof LakeError ? error : new LakeError("write", this.sink.locate(path), error);
      this.part = undefined;
      if (part) await discard(part);
    }
    return this.failure!;
  }

  private unusable(): Error {
    if (this.state === "failed") return this.failure!;
    const what = `lake writer for ${this.target.table} ${this.target.schoolYear} (run ${this.target.runId})`;
    return new Error(this.state === "aborted" ? `${what} was aborted` : `${what} is closed`);
  }
}

/** Resolves on "drain"; rejects if the stream is destroyed first (a failure anywhere in the pipeline, or abort). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (ok: boolean) => {
      stream.off("drain", onDrain);
      stream.off("close", onClose);
      if (ok) resolve();
      else reject(stream.errored ?? new Error("the part's stream closed before it finished"));
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    stream.on("drain", onDrain);
    stream.on("close", onClose);
    if (stream.destroyed) settle(false);
  });
}

async function discard(part: OpenPart): Promise<void> {
  part.head.destroy();
  await part.done.catch(() => undefined);
  await part.upload.discard();
}
