// Splits a JSON array's text into the exact text of each element, so the lake keeps what the API sent
// byte for byte (re-serialising would turn `88.00` into `88` and reorder nothing, but lose formatting).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** The element texts of a JSON array. The caller validates the whole text with JSON.parse first. */
export function splitJsonArray(text: string): string[] {
  const start = text.indexOf("[");
  if (start < 0) throw new SyntaxError("expected a JSON array");
  const elements: string[] = [];
  let depth = 0;
  let elementStart = -1;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    if (elementStart < 0 && !(c === 0x5d && depth === 0)) elementStart = i;
    if (c === QUOTE) {
      // Jump to the closing quote: the next quote not escaped by an odd run of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i < 0) throw new SyntaxError("unterminated JSON array");
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) {
        if (elementStart >= 0 && elementStart < i) elements.push(text.slice(elementStart, i).trimEnd());
        return elements;
      }
      depth--;
    } else if (c === COMMA && depth === 0) {
      elements.push(text.slice(elementStart, i).trimEnd());
      elementStart = -1;
    }
  }
  throw new SyntaxError("unterminated JSON array");
}
