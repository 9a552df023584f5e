import { scanJson, type ScannedElement } from "../extractor/verbatim.js";

function elements(text: string): ScannedElement[] {
  const page = scanJson(Buffer.from(text));
  if (page.kind !== "array") throw new Error(`not an array: ${page.kind}`);
  return page.elements;
}

function texts(text: string): string[] {
  const bytes = Buffer.from(text);
  return elements(text).map((e) => bytes.toString("utf8", e.start, e.end));
}

/** Each element's escaped bytes, as text. */
function escapedTexts(text: string): string[] {
  const page = scanJson(Buffer.from(text));
  if (page.kind !== "array") throw new Error(`not an array: ${page.kind}`);
  return page.elements.map((e) => page.escaped.toString("utf8", e.escapedStart, e.escapedEnd));
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
    expect(elements(`[${element}]`)[0].id).toBe(id);
  });

  test.each([
    ['{"changeVersion":12}', 12],
    ['{"ChangeVersion":-3}', -3],
    ['{"changeVersion":null,"ChangeVersion":7}', 7],
    ['{"changeVersion":1.5e3}', 1500],
    ['{"changeVersion":"12"}', null],
    ['{"x":{"changeVersion":12}}', null],
    ['{"changeversion":12}', null],
  ])("change version of %s", (element, changeVersion) => {
    expect(elements(`[${element}]`)[0].changeVersion).toBe(changeVersion);
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
