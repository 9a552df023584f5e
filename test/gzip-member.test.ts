import { randomBytes } from "node:crypto";
import { gunzipSync, inflateRawSync } from "node:zlib";
import { GzipMember } from "../extractor/lake/gzip-member.js";

/** The member's bytes for `batches`, compressed one by one as the writer does. */
function member(batches: Buffer[], level = 1): Buffer {
  const gzip = new GzipMember(level);
  return Buffer.concat([...batches.map((batch) => gzip.deflate(batch)), gzip.end()]);
}

const text = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `{"id":"${i}","data":"line ${i % 97}"}\n`).join(""));

describe("GzipMember", () => {
  test("batches compressed one by one make one gzip member of their concatenation", () => {
    const batches = [text(5000), randomBytes(70_000), text(1), Buffer.alloc(0), text(20_000)];
    const bytes = member(batches);
    // gunzip checks the trailer's CRC-32 and size; inflating the body alone proves a single deflate
    // stream ending in a final block (a second member or a missing end would fail or be left over).
    expect(gunzipSync(bytes).equals(Buffer.concat(batches))).toBe(true);
    expect(inflateRawSync(bytes.subarray(10, -8)).equals(Buffer.concat(batches))).toBe(true);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
  });

  test("a member without batches is an empty gzip file", () => {
    expect(gunzipSync(member([])).length).toBe(0);
  });

  test("every level from 0 to 9 gives the input back", () => {
    const batches = [text(300), text(700)];
    for (let level = 0; level <= 9; level++) expect(gunzipSync(member(batches, level)).equals(Buffer.concat(batches))).toBe(true);
  });

  test("a batch of repeated lines compresses as gzip does", () => {
    const batch = text(20_000);
    expect(member([batch]).length).toBeLessThan(batch.length / 5);
  });
});
