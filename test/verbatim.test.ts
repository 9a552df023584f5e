import { splitJsonArray } from "../extractor/verbatim.js";

describe("splitJsonArray", () => {
  test.each([
    ["[]", []],
    [" [ ] ", []],
    ['[{"a":1}]', ['{"a":1}']],
    ['[{"n":88.00,"s":"x,]}\\"y"},{"b":[1,[2]],"c":null} ,\n 7, "t", true]', ['{"n":88.00,"s":"x,]}\\"y"}', '{"b":[1,[2]],"c":null}', "7", '"t"', "true"]],
    ['[{"u":"é ☃ \\u00e9","e":""}]', ['{"u":"é ☃ \\u00e9","e":""}']],
    ['["a\\\\","b\\"]",{"c":"\\\\\\""}]', ['"a\\\\"', '"b\\"]"', '{"c":"\\\\\\""}']],
  ])("%s", (text, expected) => {
    const parts = splitJsonArray(text);
    expect(parts).toEqual(expected);
    expect(parts.map((p) => JSON.parse(p))).toEqual(JSON.parse(text));
  });

  test("rejects what is not a complete array", () => {
    expect(() => splitJsonArray('{"a":1}')).toThrow(SyntaxError);
    expect(() => splitJsonArray('[{"a":1},')).toThrow(/unterminated/);
  });
});
