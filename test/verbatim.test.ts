import { scanJson, type ScannedElements } from "../extractor/verbatim.js";

function elements(text: string): ScannedElements {
  const page = scanJson(Buffer.from(text));
  if (page.kind !== "array") throw new Error(`not an array: ${page.kind}`);
  return page.elements;
}

/** Each element's escaped bytes, as text. */
function escapedTexts(text: string): string[] {
  const found = elements(text);
  return Array.from({ length: found.count }, (_, i) => found.escaped.toString("utf8", found.dataStart(i), found.dataEnd(i)));
}

/** Each element's text, read back from its escaped bytes. */
function texts(text: string): string[] {
  return escapedTexts(text).map((escaped) => JSON.parse(`"${escaped}"`) as string);
}

/** What scanJson promises an element's escaped bytes to be: its text as JSON.stringify writes it inside a string. */
const asStringContent = (text: string) => JSON.stringify(text).slice(1, -1);

describe("scanJson", () => {
  test.each([
    ["[]", []],
    [" [ ] ", []],
    ['[{"a":1}]', ['{"a":1}']],
    ['[{"n":88.00,"s":"x,]}\\"y"},{"b":[1,[2]],"c":null} ,\n 7, "t", true]', ['{"n":88.00,"s":"x,]}\\"y"}', '{"b":[1,[2]],"c":null}', "7", '"t"', "true"]],
    ['[{"u":"é ☃ \\u00e9 🎓","e":""}]', ['{"u":"é ☃ \\u00e9 🎓","e":""}']],
    ['["a\\\\","b\\"]",{"c":"\\\\\\""}]', ['"a\\\\"', '"b\\"]"', '{"c":"\\\\\\""}']],
    ['\r\n[\t{ "a" :\n[ -0.5e+3 ,\t1E2, 0,\r\nfalse, null ] }\r\n]\n', ['{ "a" :\n[ -0.5e+3 ,\t1E2, 0,\r\nfalse, null ] }']],
  ])("%s: elements verbatim, and escaped as in a JSON string", (text, expected) => {
    const found = texts(text);
    expect(found).toEqual(expected);
    expect(found.map((p) => JSON.parse(p))).toEqual(JSON.parse(text));
    expect(escapedTexts(text)).toEqual(found.map(asStringContent));
  });

  test.each([
    ['{"a":1}', "object"],
    ['"s"', "string"],
    [" 12 ", "number"],
    ["false", "boolean"],
    ["null", "null"],
  ])("a document that is not an array: %s is %s", (text, kind) => {
    expect(scanJson(Buffer.from(text))).toEqual({ kind });
  });

  test.each([
    ['{"id":"abc"}', "abc"],
    ['{"Id":"abc"}', "abc"],
    ['{"id":null,"Id":"abc"}', "abc"],
    ['{"Id":"abc","id":"def"}', "def"],
    ['{"id":"abc","id":"def"}', "def"], // JSON.parse: the last duplicate wins
    ['{"id":"a\\u0062c\\"d"}', 'abc"d'],
    ['{"\\u0069d":"abc"}', "abc"],
    ['{ "x" : {"id":"nested"} , "id" : "é☃🎓" }', "é☃🎓"],
    ['{"x":{"id":"nested"}}', undefined],
    ['{"id":12}', undefined],
    ['{"ids":"abc","i":"d"}', undefined],
    ['"abc"', undefined],
    ['["abc"]', undefined],
  ])("id of %s", (element, id) => {
    const found = elements(`[${element}]`);
    expect(found.hasId(0) ? found.id(0) : undefined).toBe(id);
    // Where the escaped bytes hold the id as JSON.stringify writes it, the lines copy it from there.
    const start = found.idStart(0);
    if (start >= 0) expect(found.escaped.toString("utf8", start, found.idEnd(0))).toBe(JSON.stringify(id).slice(1, -1));
    else expect(id === undefined || element.includes('\\')).toBe(true);
  });

  test.each([
    ['{"changeVersion":12}', 12],
    ['{"ChangeVersion":-3}', -3],
    ['{"changeVersion":null,"ChangeVersion":7}', 7],
    ['{"changeVersion":1.5e3}', 1500],
    ['{"changeVersion":0}', 0],
    ['{"changeVersion":999999999999999}', 999999999999999],
    ['{"changeVersion":12345678901234567}', 12345678901234568], // rounded, as JSON.parse rounds it
    ['{"changeVersion":"12"}', null],
    ['{"x":{"changeVersion":12}}', null],
    ['{"changeversion":12}', null],
  ])("change version of %s", (element, changeVersion) => {
    expect(elements(`[${element}]`).changeVersion(0)).toBe(changeVersion);
  });

  test("pages of any length: every element keeps its span, id and change version", () => {
    const records = Array.from({ length: 1_300 }, (_, i) => ({ id: `id-${i}`, changeVersion: i % 3 ? i : null, name: "x".repeat(i % 50) }));
    const text = JSON.stringify(records);
    const found = elements(text);
    expect(found.count).toBe(records.length);
    expect(texts(text)).toEqual(records.map((r) => JSON.stringify(r)));
    expect(Array.from({ length: found.count }, (_, i) => [found.id(i), found.changeVersion(i)])).toEqual(records.map((r) => [r.id, r.changeVersion]));
  });

  // Strings are read four bytes at a time while no byte of the four ends the run: a special byte at
  // each offset of a long run must stop it, and bytes just beside the special ones must not.
  test("long strings with a special byte at every offset of a word", () => {
    const fillers = ["a", "é", "☃", "🎓", " ", "!", "#", "[", "]", "{", "^", "~", "\u007f"];
    const specials = ['\\"', "\\\\", "\\n", "\\u0022", "\\/", "é", "🎓"];
    for (const filler of fillers)
      for (const special of specials)
        for (let at = 0; at < 9; at++) {
          const element = `{"id":"x","s":"${filler.repeat(at)}${special}${filler.repeat(9 - at)}"}`;
          const text = `[${element},"${"z".repeat(at)}"]`;
          expect(texts(text)).toEqual([element, `"${"z".repeat(at)}"`]);
          expect(escapedTexts(text)).toEqual(texts(text).map(asStringContent));
          expect(elements(text).id(0)).toBe("x");
        }
  });

  test("a page that is a view into a larger buffer, at any alignment", () => {
    const text = '[{"id":"first","s":"a long string value, then an escape: \\" and more"},{"id":"second","n":12}]';
    const expected = texts(text);
    for (let offset = 0; offset < 8; offset++) {
      const memory = Buffer.alloc(offset + text.length + 8, "\"");
      memory.write(text, offset);
      const page = scanJson(memory.subarray(offset, offset + text.length));
      if (page.kind !== "array") throw new Error(`not an array: ${page.kind}`);
      const found = page.elements;
      expect(Array.from({ length: found.count }, (_, i) => JSON.parse(`"${found.escaped.toString("utf8", found.dataStart(i), found.dataEnd(i))}"`))).toEqual(expected);
      expect([found.id(0), found.id(1)]).toEqual(["first", "second"]);
    }
  });

  test("a control character at any offset of a long string is rejected", () => {
    for (const control of ["\u0000", "\t", "\n", "\u001f"])
      for (let at = 0; at < 9; at++) {
        const text = `["${"abcdefghi".slice(0, at)}${control}${"jklmnopqr".slice(at)}"]`;
        expect(() => JSON.parse(text)).toThrow(SyntaxError);
        expect(() => scanJson(Buffer.from(text))).toThrow(`control character in a string at byte ${2 + at}`);
      }
  });

  // Each is rejected by JSON.parse too: the scan is as strict as the parse it replaces.
  test.each([
    "",
    " ",
    "[",
    '[{"a":1},',
    '[{"a":1}',
    '[{"a":1}]]',
    "[1,]",
    "[,1]",
    "[1 2]",
    "[01]",
    "[1.]",
    "[.5]",
    "[-]",
    "[1e]",
    "[+1]",
    "[tru]",
    "[nul]",
    "[True]",
    '{"a" 1}',
    '{"a":1,}',
    "{1:2}",
    "{'a':1}",
    '["unterminated]',
    '["bad \\x escape"]',
    '["bad \\u12G4 escape"]',
    '["short \\u12"]',
    '["raw \t tab"]',
    '["raw \n line feed"]',
    '["raw \u0001 control"]',
    "[1] x",
    "\ufeff[]",
  ])("rejects %j", (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => scanJson(Buffer.from(text))).toThrow(SyntaxError);
  });

  test("a rejection names the byte where the JSON went wrong", () => {
    expect(() => scanJson(Buffer.from('[{"a":1},{"b":tru}]'))).toThrow(/unexpected character at byte 14/);
    expect(() => scanJson(Buffer.from('[{"a":"b'))).toThrow(/unterminated string at byte 8/);
  });
});
