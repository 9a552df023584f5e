import { PageLines, serializeLine } from "../extractor/lake/layout.js";
import type { LakeLine, LineEnvelope } from "../extractor/lake/types.js";
import { scanJson } from "../extractor/verbatim.js";
import { target } from "./support/lake-contract.js";

const envelope: LineEnvelope = { resource: "students", school_year: 2025, operation: "delete", extracted_at: "2025-11-25T10:15:00.123Z", run_id: target.runId, snapshot: true };

/** Records as the API could send them: escapes, whitespace between tokens, any Unicode, ids and change versions of every kind. */
const RECORDS = [
  '{"id":"ba134348db3f6a4721c2e06700000000","score":88.00,"big":12345678901234567890}',
  '{"Id":"needs \\"escaping\\"\\\\","name":"Zoë Ñúñez 李小龍 🎓","quote":"she said \\"hi\\"\\n","slash":"a\\/b\\\\","u":"\\u00e9\\ud800","changeVersion":0}',
  '{\r\n\t"id" : "é☃🎓" ,\n  "spaced" : [ 1 , 2 ], "ChangeVersion": 9007199254740991 }',
  '{"id":"","changeVersion":-5}',
  '{"id":"\\u00e9\\/x","changeVersion":1.5}',
];

/** A page of `records`, scanned as the extractor scans it, and the lines serializeLine gives for them. */
function page(records: string[]) {
  const bytes = Buffer.from(`[ ${records.join(" ,\n")} ]`);
  const scanned = scanJson(bytes);
  if (scanned.kind !== "array") throw new Error("not an array");
  const lines = records.map((data): LakeLine => {
    const parsed = JSON.parse(data) as { id?: string; Id?: string; changeVersion?: number; ChangeVersion?: number };
    return { ...envelope, id: parsed.id ?? parsed.Id ?? "", change_version: parsed.changeVersion ?? parsed.ChangeVersion ?? null, data };
  });
  return { page: { envelope, records: scanned.elements }, lines };
}

describe("PageLines", () => {
  test("builds exactly the lines serializeLine gives for each record, any run of them, with sizes known up front", () => {
    const { page: p, lines } = page(RECORDS.slice(0, 4));
    const expected = lines.map((l) => serializeLine(l, target));
    const built = new PageLines(p, target);
    expect(built.count).toBe(4);
    // Built into a buffer at an offset, as the writer fills its batch.
    const text = (from: number, to: number) => {
      const out = Buffer.alloc(5 + Buffer.byteLength(expected.join("")), "-");
      const end = built.build(from, to, out, 5);
      return out.toString("utf8", 0, end);
    };
    expect(text(0, 4)).toBe("-----" + expected.join(""));
    expect(text(1, 3)).toBe("-----" + expected.slice(1, 3).join(""));
    expect(expected.map((_, i) => built.size(i))).toEqual(expected.map((l) => Buffer.byteLength(l)));
    expect(expected.map((l) => JSON.parse(l).id)).toEqual(["ba134348db3f6a4721c2e06700000000", 'needs "escaping"\\', "é☃🎓", ""]);
    expect(lines.map((l, i) => JSON.parse(expected[i]).data === l.data)).toEqual([true, true, true, true]);
  });

  test("refuses a page of another year or run, or a change version that is not an integer, as serializeLine does", () => {
    const { page: p } = page(RECORDS.slice(0, 4));
    expect(() => new PageLines({ ...p, envelope: { ...envelope, school_year: 2024 } }, target)).toThrow(/school_year 2024 is not the partition's 2025/);
    expect(() => new PageLines({ ...p, envelope: { ...envelope, run_id: "r2" } }, target)).toThrow(/run_id "r2" is not the partition's/);
    expect(() => new PageLines(page(RECORDS).page, target)).toThrow(/\(id "é\/x"\): change_version is not an integer or null/);
  });
});
