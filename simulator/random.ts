// Deterministic, allocation-free hashing: every generated value is a pure function of the seed and the
// coordinates of what it describes, so any record can be produced on demand in any order.

// Local bindings: global lookups such as `Math.imul` are slow inside Jest's module sandbox.
const { imul, floor } = Math;

/** The murmur3 finaliser: spreads every input bit over the 32-bit result. */
function finalise(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit mix of a sequence of integers (murmur3 finaliser over an FNV-style fold). */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = imul(h ^ (part | 0), 0x01000193);
    h ^= floor(part / 4294967296) | 0;
    h = imul(h ^ (h >>> 15), 0x2c1b3c6d);
  }
  return finalise(h);
}

/** A uniform float in [0, 1) from the same coordinates. */
export function unit(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

/** An integer in [0, n). */
export function below(n: number, ...parts: number[]): number {
  return floor(unit(...parts) * n);
}

/** One element of a non-empty list. */
export function pick<T>(list: readonly T[], ...parts: number[]): T {
  return list[below(list.length, ...parts)];
}

/** Stable small integer for a string (resource names, URLs) to feed into hash32. */
export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Two lower-case hex digits of each byte value. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** 8 lower-case hex digits of an unsigned 32-bit integer (a table lookup per byte: toString(16) is slow). */
export function hex32(h: number): string {
  return HEX[h >>> 24] + HEX[(h >>> 16) & 255] + HEX[(h >>> 8) & 255] + HEX[h & 255];
}

/** 32 lower-case hex digits, like ODS/API resource ids: one hash of the parts, stretched by re-mixing. */
export function hexId(...parts: number[]): string {
  let h = hash32(...parts);
  let out = "";
  for (let i = 0; i < 4; i++) {
    out += hex32(h);
    h = finalise(h ^ 0x9e3779b9);
  }
  return out;
}
