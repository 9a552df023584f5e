import { BufferPool } from "../extractor/buffer-pool.js";

describe("BufferPool", () => {
  test("gives buffers of the size asked, on memory given back when it is large enough", () => {
    const pool = new BufferPool(1 << 20);
    const a = pool.take(100_000);
    const b = pool.take(100_000);
    expect([a.length, b.length]).toEqual([100_000, 100_000]);
    expect(a.buffer).not.toBe(b.buffer);
    pool.release(a);
    const c = pool.take(70_000);
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(70_000);
    expect(pool.take(100_000).buffer).not.toBe(c.buffer); // c is taken: its memory is not handed out twice
    pool.release(c);
    expect(pool.take(200_000).buffer).not.toBe(c.buffer); // too small for this one
    expect(pool.take(30_000).buffer).not.toBe(c.buffer); // and of a larger size class than this one needs
    expect(pool.take(100_000).buffer).toBe(c.buffer);
  });

  test("a buffer given back twice is handed out once", () => {
    const pool = new BufferPool(1 << 20);
    const a = pool.take(100_000);
    pool.release(a);
    pool.release(a);
    expect(pool.take(100_000).buffer).toBe(a.buffer);
    expect(pool.take(100_000).buffer).not.toBe(a.buffer);
  });

  test("keeps at most `keepBytes` free, and never small or shared memory", () => {
    const pool = new BufferPool(2 * 128 * 1024);
    const taken = [pool.take(100_000), pool.take(100_000), pool.take(100_000)];
    taken.forEach((b) => pool.release(b));
    const again = [pool.take(100_000), pool.take(100_000), pool.take(100_000)];
    expect(again.filter((b) => taken.some((t) => t.buffer === b.buffer))).toHaveLength(2);
    const small = pool.take(100);
    expect(small.length).toBe(100);
    pool.release(small);
    pool.release(Buffer.from(new ArrayBuffer(200_000), 10, 100_000)); // a view into other memory
    expect(pool.take(100_000).buffer.byteLength).toBe(128 * 1024);
  });
});
