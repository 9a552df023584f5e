import { timestampOf } from "../simulator/instance.js";
import { PROFILES } from "../simulator/profile.js";
import { hex32, hexId } from "../simulator/random.js";
import { Instance } from "../simulator/instance.js";
import { list, renderRecord } from "../simulator/resources.js";
import type { StoredRecord } from "../simulator/store.js";

/** What ODS sends for `_etag`: DateTime.ToBinary() of the last-modified time (ticks since year 1, UTC kind bit 62). */
const toBinary = (time: Date) => ((BigInt(time.getTime()) * 10000n + 621355968000000000n) | (1n << 62n)).toString();

const stored = (record: Record<string, unknown>, cv: number): StoredRecord => ({ position: 0, id: "0123456789abcdef0123456789abcdef", cv, record, revision: 0 });
const context = (version: "5.3" | "7.3", years: number[]) => ({ profile: PROFILES[version], instance: { options: { years } } }) as unknown as Parameters<typeof renderRecord>[0]; // renderRecord reads only the years

describe("renderRecord", () => {
  const record = { beginDate: "2024-08-19", sectionReference: { schoolId: 255950192, sessionName: "Fall \"A\" é" }, homeroomIndicator: true, score: 88.5 };

  test.each([
    { years: [2025], cv: 0 },
    { years: [2025], cv: 1 },
    { years: [2024, 2025], cv: 123456789 },
    { years: [1971], cv: 999 },
    // Past year 11,000 the kind bit overlaps the ticks: the exact BigInt path.
    { years: [12000], cv: 5 },
    { years: [9999], cv: 86399 },
    // Before 1970 (negative milliseconds), and the same day again: the day's text is kept between calls.
    { years: [1960], cv: 3_661 },
    { years: [1960], cv: 86_399 },
  ])("is the id, the record's fields, then _etag = DateTime.ToBinary and 7.x's _lastModifiedDate (years $years, cv $cv)", ({ years, cv }) => {
    const time = timestampOf(cv, years);
    const rendered = renderRecord(context("7.3", years), stored(record, cv));
    expect(rendered).toBe(JSON.stringify({ id: "0123456789abcdef0123456789abcdef", ...record, _etag: toBinary(time), _lastModifiedDate: time.toISOString().replace("Z", "0000Z") }));
    expect(renderRecord(context("5.3", years), stored(record, cv))).toBe(JSON.stringify({ id: "0123456789abcdef0123456789abcdef", ...record, _etag: toBinary(time) }));
  });

  test("renders text of any length and any characters as UTF-8 (the body grows past its first size)", () => {
    const long = { note: "é€😀\u2028\"\\\n".repeat(700), plain: "x".repeat(3000) };
    const rendered = renderRecord(context("7.3", [2025]), stored(long, 42));
    expect(JSON.parse(rendered)).toEqual({ id: "0123456789abcdef0123456789abcdef", ...long, _etag: expect.any(String), _lastModifiedDate: expect.any(String) });
    expect(rendered).toBe(JSON.stringify(JSON.parse(rendered)));
  });

  test("renders a record without fields as the id and _etag alone", () => {
    const rendered = JSON.parse(renderRecord(context("5.3", [2025]), stored({}, 7)));
    expect(Object.keys(rendered)).toEqual(["id", "_etag"]);
  });
});

describe("list", () => {
  const instance = new Instance({ seed: 7, students: 40, years: [2025], dataStandard: 5, context: null, snapshots: false });
  const page = (version: "5.3" | "7.3", resource: string, query: string) =>
    list({ profile: PROFILES[version], instance, store: instance.stores.get(resource)!, snapshot: Number.MAX_SAFE_INTEGER, query: new URLSearchParams(query) }).body.toString();

  test.each([
    ["7.3", "students", "offset=0&limit=25"],
    ["5.3", "studentSectionAssociations", "offset=10&limit=100"],
    ["7.3", "studentSchoolAttendanceEvents", "offset=3&limit=7"],
  ] as const)("a %s page of %s (%s) is the records as renderRecord renders them, in a JSON array", (version, resource, query) => {
    const records = [...instance.current(resource)];
    const { offset, limit } = Object.fromEntries(new URLSearchParams(query)) as Record<string, string>;
    const expected = records.slice(Number(offset), Number(offset) + Number(limit)).map((r) => renderRecord({ profile: PROFILES[version], instance }, r));
    expect(expected.length).toBeGreaterThan(1);
    expect(page(version, resource, query)).toBe(`[${expected.join(",")}]`);
  });

  test("a page past the last record is an empty array", () => {
    expect(page("7.3", "students", "offset=100000&limit=25")).toBe("[]");
  });
});

describe("hex32", () => {
  test.each([0, 1, 0xff, 0x100, 0xdeadbeef, 0xffffffff, 0x80000000])("is 8 lower-case hex digits of %i", (n) => {
    expect(hex32(n)).toBe(n.toString(16).padStart(8, "0"));
  });

  test("hexId is 32 hex digits, the same for the same parts", () => {
    expect(hexId(1, 2, 3)).toMatch(/^[0-9a-f]{32}$/);
    expect(hexId(1, 2, 3)).toBe(hexId(1, 2, 3));
    expect(hexId(1, 2, 3)).not.toBe(hexId(1, 2, 4));
  });
});
