// Memory for the pages' bytes, reused. An extract moves each page's body and its escaped copy (about
// three quarters of a MB: the scan takes room for twice the body) through the process in a couple of
// milliseconds. Allocated afresh, that memory is freed
// only once the garbage collector finds its Buffer dead, and a page that waited for the writer has been
// promoted to the old generation by then: its memory waited for a full collection, and V8 ran about
// 40 per extract of 1.2 M records to keep up. Reused, a few dozen buffers serve the whole run: in
// old/new/new/old rounds an extract spent 8% less CPU, with half the full collections.

/** Requests under a quarter of this get a plain Buffer; others a power of two of at least this, so a buffer serves many pages. */
const MIN_BYTES = 64 * 1024;

export class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  private freeBytes = 0;

  /** `keepBytes`: most memory kept free for reuse (a few MB in the benchmark); more is left to the GC. */
  constructor(private readonly keepBytes: number) {}

  /**
   * `size` bytes, contents undefined: on a free buffer of its size class (a power of two) when there is
   * one. Only of its class: a page taking a larger class's buffer would leave the next larger page to
   * allocate another, and the pool would grow through the run.
   */
  take(size: number): Buffer {
    if (size < MIN_BYTES / 4) return Buffer.allocUnsafe(size);
    const bytes = Math.max(MIN_BYTES, 2 ** Math.ceil(Math.log2(size)));
    const k = this.free.findIndex((memory) => memory.byteLength === bytes);
    if (k < 0) return Buffer.from(new ArrayBuffer(bytes), 0, size);
    this.freeBytes -= bytes;
    return Buffer.from(this.free.splice(k, 1)[0], 0, size);
  }

  /** Give back what take() gave (anything else is ignored): nothing may use it afterwards. */
  release(buffer: Buffer): void {
    const memory = buffer.buffer;
    if (buffer.byteOffset !== 0 || !(memory instanceof ArrayBuffer) || memory.byteLength < MIN_BYTES) return;
    if (this.freeBytes + memory.byteLength > this.keepBytes || this.free.includes(memory)) return;
    this.free.push(memory);
    this.freeBytes += memory.byteLength;
  }
}

/** The memory of API response bodies and of their escaped copies (see extract.ts, read.ts, verbatim.ts). */
export const pageMemory = new BufferPool(32 * 1024 * 1024);
