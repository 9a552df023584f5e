import { PageLines, serializeLine } from "../extractor/lake/layout.js";
import type { LakeLine, LineEnvelope, PageRecord } from "../extractor/lake/types.js";
import { scanJson } from "../extractor/verbatim.js";
import { target } from "./support/lake-contract.js";

const envelope: LineEnvelope = { resource: "students", school_year: 2025, operation: "delete", extracted_at: "2025-11-25T10:15:00.123Z", run_id: target.runId, snapshot: true };

/** Records as the API could send them: escapes, whitespace between tokens, any Unicode. */
const RECORDS = [
  '{"id":"ba134348db3f6a4721c2e06700000000","score":88.00,"big":12345678901234567890}',
  '{"id":"b","name":"Zoë Ñúñez 李小龍 🎓","quote":"she said \\"hi\\"\\n","slash":"a\\/b\\\\","u":"\\u00e9\\ud800"}',
  '{\r\n\t"id" : "c" ,\n  "spaced" : [ 1 , 2 ] }',
  "{}",
];

function page(ids: string[], changeVersions: (number | null)[]) {
  const bytes = Buffer.from(`[ ${RECORDS.join(" ,\n")} ]`);
  const scanned = scanJson(bytes);
  if (scanned.kind !== "array") throw new Error("not an array");
  const records: PageRecord[] = scanned.elements.map((e, i) => ({ ...e, id: ids[i], changeVersion: changeVersions[i] }));
  const lines = scanned.elements.map((e, i): LakeLine => ({ ...envelope, id: ids[i], change_version: changeVersions[i], data: bytes.toString("utf8", e.start, e.end) }));
  return { page: { envelope, escaped: scanned.escaped, records }, lines };
}

describe("PageLines", () => {
  test("builds exactly the lines serializeLine gives for each record, any run of them, with sizes known up front", () => {
    const { page: p, lines } = page(["plain-id", 'needs "escaping"\\', "é☃🎓", ""], [null, 0, 9007199254740991, -5]);
    const expected = lines.map((l) => serializeLine(l, target));
    const built = new PageLines(p, target);
    expect(built.count).toBe(RECORDS.length);
    // Built into a buffer at an offset, as the writer fills its batch.
    const text = (from: number, to: number) => {
      const out = Buffer.alloc(5 + Buffer.byteLength(expected.join("")), "-");
      const end = built.build(from, to, out, 5);
      return out.toString("utf8", 0, end);
    };
    expect(text(0, RECORDS.length)).toBe("-----" + expected.join(""));
    expect(text(1, 3)).toBe("-----" + expected.slice(1, 3).join(""));
    expect(expected.map((_, i) => built.size(i))).toEqual(expected.map((l) => Buffer.byteLength(l)));
    expect(lines.map((l, i) => JSON.parse(expected[i]).data === l.data)).toEqual(RECORDS.map(() => true));
  });

  test("refuses a page of another year or run, or a change version that is not an integer, as serializeLine does", () => {
    const { page: p } = page(["a", "b", "c", "d"], [null, null, null, null]);
    expect(() => new PageLines({ ...p, envelope: { ...envelope, school_year: 2024 } }, target)).toThrow(/school_year 2024 is not the partition's 2025/);
    expect(() => new PageLines({ ...p, envelope: { ...envelope, run_id: "r2" } }, target)).toThrow(/run_id "r2" is not the partition's/);
    const fractional = { ...p, records: p.records.map((r, i) => ({ ...r, changeVersion: i === 2 ? 1.5 : null })) };
    expect(() => new PageLines(fractional, target)).toThrow(/\(id "c"\): change_version is not an integer or null/);
  });
});
