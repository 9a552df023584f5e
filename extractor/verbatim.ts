// Reads an API page as bytes, without building its records: one pass validates the JSON (RFC 8259,
// as strictly as JSON.parse), finds each array element's byte span, so the lake keeps what the API
// sent byte for byte (re-serialising would turn `88.00` into `88`), and reads the few members the
// extractor needs (id, change version). The same pass writes every byte it reads, escaped as in a JSON
// string, to a second buffer: a lake line's `data` is then one native copy, and its size is known
// before the line is written. UTF-8 validity is the caller's check (isUtf8 is native and fast).
import { pageMemory } from "./buffer-pool.js";
import type { PageRecords } from "./lake/types.js";

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const LETTER_F = 0x66;
const LETTER_N = 0x6e;
const LETTER_R = 0x72;
const LETTER_T = 0x74;

const TRUE = Buffer.from("true");
const FALSE = Buffer.from("false");
const NULL = Buffer.from("null");

/** What follows a backslash in a JSON string. */
const ESCAPABLE = new Set([...'"\\/bfnrtu'].map((c) => c.charCodeAt(0)));
/** Bytes that end a run of plain string content: quote, backslash, control characters (1). */
const STRING_STOP = new Uint8Array(256);
STRING_STOP.fill(1, 0, SPACE);
STRING_STOP[QUOTE] = 1;
STRING_STOP[BACKSLASH] = 1;

type Kind = "object" | "array" | "string" | "number" | "boolean" | "null";

/** The members read from an element (JSON.parse semantics: the last of duplicate names wins). */
const MEMBERS = ["id", "Id", "changeVersion", "ChangeVersion"] as const;
const MEMBER_BYTES = MEMBERS.map((name) => Buffer.from(name));

/**
 * The elements of a page's top-level array, in typed arrays rather than an object each (an extract reads
 * a million records: objects and id strings for each made a quarter of what its young generation took
 * in; an extract of 1.2 M records now makes 215 young collections, not 310). The lake lines are
 * built from these (lake/types.ts PageRecords).
 */
export class ScannedElements implements PageRecords {
  constructor(
    readonly count: number,
    /** Everything the scan read, escaped as JSON.stringify escapes text in a string (`"` `\` tab LF CR). */
    readonly escaped: Buffer,
    /** Per element: its escaped bytes [0, 1) and its id's [2, 3) in `escaped` (-1 when it has none there). */
    private readonly spans: Int32Array,
    /** Per element: `changeVersion ?? ChangeVersion` when a number, else NaN. */
    private readonly changeVersions: Float64Array,
    /** The ids written with backslash escapes, by element: their text is not their value. */
    private readonly escapedIds: ReadonlyMap<number, string>,
  ) {}

  dataStart(i: number): number {
    return this.spans[4 * i];
  }

  dataEnd(i: number): number {
    return this.spans[4 * i + 1];
  }

  /** Where `escaped` holds element i's id (`id ?? Id`, a string without escapes) as JSON.stringify writes it between quotes, else -1. */
  idStart(i: number): number {
    return this.spans[4 * i + 2];
  }

  idEnd(i: number): number {
    return this.spans[4 * i + 3];
  }

  /** Whether element i is an object with a string id. */
  hasId(i: number): boolean {
    return this.idStart(i) >= 0 || this.escapedIds.has(i);
  }

  /** Element i's id (`id ?? Id` of an object, when a string), made on demand. */
  id(i: number): string {
    const start = this.idStart(i);
    return start >= 0 ? this.escaped.toString("utf8", start, this.idEnd(i)) : this.escapedIds.get(i) ?? "";
  }

  /** `changeVersion ?? ChangeVersion` of element i when it is a number, else null. */
  changeVersion(i: number): number | null {
    const version = this.changeVersions[i];
    return Number.isNaN(version) ? null : version;
  }
}

export type ScannedPage = { kind: "array"; elements: ScannedElements } | { kind: Exclude<Kind, "array"> };

/** Validate a JSON text and, if it is an array, describe its elements. Throws a SyntaxError naming the byte offset. */
export function scanJson(bytes: Buffer): ScannedPage {
  return new Scanner(bytes).document();
}

class Scanner {
  private i = 0;
  /** Where the next escaped byte goes in `out`. */
  private o = 0;
  /** Everything read, escaped: escaping never more than doubles a text, so writes need no bounds check. */
  private readonly out: Buffer;
  /**
   * Members of the element being read, by index in MEMBERS: the value's kind (undefined when absent),
   * its span [start, end) and whether it is a string with backslash escapes (its bytes are not its
   * value). In arrays rather than an object per member, which would be two objects per record.
   */
  private readonly memberKinds: (Kind | undefined)[] = MEMBERS.map(() => undefined);
  private readonly memberSpans = new Int32Array(2 * MEMBERS.length);
  /** Where the value went in `out`. */
  private readonly memberOutSpans = new Int32Array(2 * MEMBERS.length);
  private readonly memberEscaped = new Uint8Array(MEMBERS.length);
  private lastStringEscaped = false;

  /** The input and output as 32-bit words: string content, most of a page, is copied four bytes at a time. */
  private readonly words: DataView;
  private readonly outWords: DataView;

  constructor(private readonly b: Buffer) {
    this.out = pageMemory.take(2 * b.length);
    this.words = new DataView(b.buffer, b.byteOffset, b.length);
    this.outWords = new DataView(this.out.buffer, this.out.byteOffset, this.out.length);
  }

  document(): ScannedPage {
    try {
      if (this.b[this.i] <= SPACE) this.whitespace();
      const page: ScannedPage =
        this.b[this.i] === OPEN_ARRAY ? { kind: "array", elements: this.elements() } : { kind: this.value(false) as Exclude<Kind, "array"> };
      if (this.b[this.i] <= SPACE) this.whitespace();
      if (this.i < this.b.length) this.fail("unexpected data after the JSON value");
      if (page.kind !== "array") pageMemory.release(this.out);
      return page;
    } catch (error) {
      pageMemory.release(this.out);
      throw error;
    }
  }

  /** The top-level array, with the span and members of each element. */
  private elements(): ScannedElements {
    let count = 0;
    let spans = new Int32Array(4 * 512);
    let changeVersions = new Float64Array(512);
    const escapedIds = new Map<number, string>();
    this.i++;
    if (this.b[this.i] <= SPACE) this.whitespace();
    if (this.b[this.i] === CLOSE_ARRAY) this.i++;
    else {
      for (;;) {
        if (count === changeVersions.length) {
          spans = grown(spans, 2 * spans.length);
          changeVersions = grown(changeVersions, 2 * count);
        }
        this.memberKinds.fill(undefined);
        const escapedStart = this.o;
        this.value(true);
        spans[4 * count] = escapedStart;
        spans[4 * count + 1] = this.o;
        this.readId(count, spans, escapedIds);
        changeVersions[count] = this.memberNumber(2, 3);
        count++;
        if (this.b[this.i] <= SPACE) this.whitespace();
        const c = this.b[this.i++];
        if (c === CLOSE_ARRAY) break;
        if (c !== COMMA) this.fail("expected , or ] after an array element", -1);
        if (this.b[this.i] <= SPACE) this.whitespace();
      }
    }
    return new ScannedElements(count, this.out.subarray(0, this.o), spans, changeVersions, escapedIds);
  }

  /** Element `n`'s id: where its text is in `out` (between the `\"` the string was written with), or its value when escaped. */
  private readId(n: number, spans: Int32Array, escapedIds: Map<number, string>): void {
    const m = this.pick(0, 1);
    spans[4 * n + 2] = spans[4 * n + 3] = -1;
    if (this.memberKinds[m] !== "string") return;
    if (this.memberEscaped[m]) escapedIds.set(n, JSON.parse(this.b.toString("utf8", this.memberSpans[2 * m], this.memberSpans[2 * m + 1])) as string);
    else {
      spans[4 * n + 2] = this.memberOutSpans[2 * m] + 2;
      spans[4 * n + 3] = this.memberOutSpans[2 * m + 1] - 2;
    }
  }

  /** `value(first) ?? value(second)`: the index of the member whose value is not null (or of the second). */
  private pick(first: number, second: number): number {
    const kind = this.memberKinds[first];
    return kind !== undefined && kind !== "null" ? first : second;
  }

  /** The number `value(first) ?? value(second)`, else NaN. */
  private memberNumber(first: number, second: number): number {
    const m = this.pick(first, second);
    if (this.memberKinds[m] !== "number") return NaN;
    const start = this.memberSpans[2 * m];
    const end = this.memberSpans[2 * m + 1];
    // The usual change version, a few digits, is read without making a string for Number(): a double
    // holds every integer of up to 15 digits exactly. Anything else (a sign, a fraction, an exponent,
    // more digits) is read as JSON.parse reads it.
    if (end - start <= 15) {
      let value = 0;
      let k = start;
      for (; k < end; k++) {
        const digit = this.b[k] - ZERO;
        if (digit < 0 || digit > 9) break;
        value = 10 * value + digit;
      }
      if (k === end) return value;
    }
    return Number(this.b.toString("latin1", start, end));
  }

  /** One value; `element`: an array element of the page, whose members are read. */
  private value(element: boolean): Kind {
    const c = this.b[this.i];
    if (c === QUOTE) {
      this.string();
      return "string";
    }
    if (c === OPEN_OBJECT) {
      this.object(element);
      return "object";
    }
    if (c === MINUS || (c >= ZERO && c <= NINE)) {
      this.number();
      return "number";
    }
    if (c === OPEN_ARRAY) {
      this.array();
      return "array";
    }
    if (c === LETTER_T ? this.literal(TRUE) : c === LETTER_F ? this.literal(FALSE) : false) return "boolean";
    if (c === LETTER_N && this.literal(NULL)) return "null";
    return this.fail(c === undefined ? "unexpected end of JSON" : "unexpected character");
  }

  private object(element: boolean): void {
    this.i++;
    this.out[this.o++] = OPEN_OBJECT;
    if (this.b[this.i] <= SPACE) this.whitespace();
    if (this.b[this.i] === CLOSE_OBJECT) {
      this.i++;
      this.out[this.o++] = CLOSE_OBJECT;
      return;
    }
    for (;;) {
      if (this.b[this.i] !== QUOTE) this.fail("expected a member name");
      const nameStart = this.i;
      const nameEscaped = this.string();
      const member = element ? this.memberIndex(nameStart, this.i, nameEscaped) : -1;
      if (this.b[this.i] <= SPACE) this.whitespace();
      if (this.b[this.i++] !== COLON) this.fail("expected : after a member name", -1);
      this.out[this.o++] = COLON;
      if (this.b[this.i] <= SPACE) this.whitespace();
      const start = this.i;
      const outStart = this.o;
      const kind = this.value(false);
      if (member >= 0) {
        this.memberKinds[member] = kind;
        this.memberSpans[2 * member] = start;
        this.memberSpans[2 * member + 1] = this.i;
        this.memberOutSpans[2 * member] = outStart;
        this.memberOutSpans[2 * member + 1] = this.o;
        this.memberEscaped[member] = kind === "string" && this.lastStringEscaped ? 1 : 0;
      }
      if (this.b[this.i] <= SPACE) this.whitespace();
      const c = this.b[this.i++];
      this.out[this.o++] = c;
      if (c === CLOSE_OBJECT) return;
      if (c !== COMMA) this.fail("expected , or } after an object member", -1);
      if (this.b[this.i] <= SPACE) this.whitespace();
    }
  }

  private array(): void {
    this.i++;
    this.out[this.o++] = OPEN_ARRAY;
    if (this.b[this.i] <= SPACE) this.whitespace();
    if (this.b[this.i] === CLOSE_ARRAY) {
      this.i++;
      this.out[this.o++] = CLOSE_ARRAY;
      return;
    }
    for (;;) {
      this.value(false);
      if (this.b[this.i] <= SPACE) this.whitespace();
      const c = this.b[this.i++];
      this.out[this.o++] = c;
      if (c === CLOSE_ARRAY) return;
      if (c !== COMMA) this.fail("expected , or ] after an array element", -1);
      if (this.b[this.i] <= SPACE) this.whitespace();
    }
  }

  /** A string from its opening quote; returns whether it holds backslash escapes. */
  private string(): boolean {
    const b = this.b;
    const out = this.out;
    let o = this.o;
    let i = this.i + 1;
    let escaped = false;
    out[o++] = BACKSLASH;
    out[o++] = QUOTE;
    const words = this.words;
    const outWords = this.outWords;
    const wordsEnd = b.length - 4;
    for (;;) {
      // Four bytes at a time while none of them stops the run: a word has a byte equal to 0 (after the
      // xor, a quote or backslash) or under 0x20 exactly when (w - 0x01…01) & ~w, resp. (w - 0x20…20) & ~w,
      // has a high bit set. On simulator pages the scan is 1.35–1.4 times as fast as with the byte loop alone.
      while (i <= wordsEnd) {
        const v = words.getInt32(i, true);
        const quote = v ^ 0x22222222;
        const backslash = v ^ 0x5c5c5c5c;
        const stops = (((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash) | ((v - 0x20202020) & ~v)) & 0x80808080;
        outWords.setInt32(o, v, true); // room: escaping never more than doubles, and bytes after a stop are written over
        if (stops !== 0) {
          // The lowest flagged byte is the first stop (a borrow only flags bytes above a true one).
          const plain = (31 - Math.clz32(stops & -stops)) >> 3;
          i += plain;
          o += plain;
          break;
        }
        i += 4;
        o += 4;
      }
      // Past the end, b[i] is undefined and STRING_STOP[undefined] is not 0.
      let c = b[i];
      while (STRING_STOP[c] === 0) {
        out[o++] = c;
        c = b[++i];
      }
      if (c === QUOTE) break;
      this.i = i;
      this.o = o;
      this.escape(); // rare: kept out of the loop
      i = this.i;
      o = this.o;
      escaped = true;
    }
    out[o++] = BACKSLASH;
    out[o++] = QUOTE;
    this.i = i + 1;
    this.o = o;
    this.lastStringEscaped = escaped;
    return escaped;
  }

  /** The escape sequence at a string's backslash (else a failure: a control character or the end of the input). */
  private escape(): void {
    const b = this.b;
    const out = this.out;
    const i = this.i;
    if (b[i] !== BACKSLASH) this.fail(i < b.length ? "control character in a string" : "unterminated string");
    const next = b[i + 1];
    if (!ESCAPABLE.has(next)) this.fail("invalid escape in a string");
    out[this.o++] = BACKSLASH;
    out[this.o++] = BACKSLASH;
    if (next === QUOTE || next === BACKSLASH) out[this.o++] = BACKSLASH;
    out[this.o++] = next;
    this.i += 2;
    if (next !== 0x75 /* u */) return;
    for (let k = 0; k < 4; k++, this.i++) {
      if (!isHex(b[this.i])) this.fail("invalid \\u escape in a string");
      out[this.o++] = b[this.i];
    }
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    const b = this.b;
    let i = this.i;
    if (b[i] === MINUS) i++;
    if (b[i] === ZERO) i++;
    else i = this.digits(i);
    if (b[i] === DOT) i = this.digits(i + 1);
    if ((b[i] | 0x20) === 0x65 /* e or E */) {
      i++;
      if (b[i] === 0x2b || b[i] === MINUS) i++;
      i = this.digits(i);
    }
    this.copy(this.i, i);
    this.i = i;
  }

  /** Where the digits from `i` end; at least one. */
  private digits(i: number): number {
    const b = this.b;
    const start = i;
    while (b[i] >= ZERO && b[i] <= NINE) i++;
    if (i === start) {
      this.i = i;
      this.fail("expected a digit");
    }
    return i;
  }

  private literal(word: Buffer): boolean {
    for (let k = 0; k < word.length; k++) if (this.b[this.i + k] !== word[k]) return false;
    this.copy(this.i, this.i + word.length);
    this.i += word.length;
    return true;
  }

  /** Bytes [from, to) of the input, which need no escaping, to the output. */
  private copy(from: number, to: number): void {
    const b = this.b;
    const out = this.out;
    let o = this.o;
    for (let k = from; k < to; k++) out[o++] = b[k];
    this.o = o;
  }

  /**
   * Callers test `b[i] <= SPACE` before calling: an API's JSON is nearly always compact, and that test
   * in place costs less than a call (the scan of simulator pages ran 15–27% faster).
   */
  private whitespace(): void {
    const b = this.b;
    for (;;) {
      const c = b[this.i];
      if (c === SPACE) this.out[this.o++] = SPACE;
      else if (c === LF || c === CR || c === TAB) {
        this.out[this.o++] = BACKSLASH;
        this.out[this.o++] = c === LF ? LETTER_N : c === CR ? LETTER_R : LETTER_T;
      } else return;
      this.i++;
    }
  }

  /** The index in MEMBERS of the member name at [start, end) (quotes included), or -1. */
  private memberIndex(start: number, end: number, escaped: boolean): number {
    if (escaped) return MEMBERS.indexOf(JSON.parse(this.b.toString("utf8", start, end)) as (typeof MEMBERS)[number]);
    // Compared in place: a string per member name would be made for nearly every member read.
    const length = end - start - 2;
    if (length !== 2 && length !== 13) return -1; // neither id nor changeVersion: most names
    for (let m = 0; m < MEMBER_BYTES.length; m++) {
      const name = MEMBER_BYTES[m];
      if (name.length !== length) continue;
      let k = 0;
      while (k < length && this.b[start + 1 + k] === name[k]) k++;
      if (k === length) return m;
    }
    return -1;
  }

  private fail(message: string, back = 0): never {
    throw new SyntaxError(`${message} at byte ${this.i + back}`);
  }
}

/** A copy of `array` with room for `length` values. */
function grown<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const larger = new (array.constructor as new (length: number) => T)(length);
  larger.set(array);
  return larger;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}
