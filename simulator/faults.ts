// Seeded fault injection. A spec is a comma-separated list of `name=value`:
//   500=0.01 502=… 503=… 504=…  fraction of data requests answered with that status
//   5xx=0.05                    shorthand: the fraction split evenly over 500, 502, 503 and 504
//   429=0.02  retryAfter=1      fraction answered 429 Too Many Requests with `Retry-After: <seconds>`
//   reset=0.01                  fraction whose connection is destroyed before a response
//   slow=0.01  slowMs=2000      fraction delayed by slowMs before answering
//   revoke=500                  every 500th data request revokes every live token (next call → 401)
//   malformed=students[:rank]   every page of that resource holding the record at that rank (default:
//                               the middle one) is sent as truncated JSON
//   writes=0.2                  fraction of list requests preceded by a few concurrent writes to that
//                               resource (updates, deletes, delete-then-reinsert) — the offset-paging hazard
//   forbidden=assessments+grades  resources the client's claim set does not cover: every request for
//                               them (deletes and key changes included) is refused with 403
//   forbiddenChanges=grades     resources whose records the claim set lets the client read but not their
//                               changes: their /deletes and /keyChanges are refused with 403
// Whether a request fails is a pure function of (seed, request, how many times it was asked before), so a
// retried request eventually succeeds and a run's faults do not depend on the order requests arrive in.
import { z } from "zod";
import { hash32, stringHash } from "./random.js";

const fraction = z.coerce.number().min(0).max(1);
const resourceList = z.string().regex(/^[a-zA-Z]+(\+[a-zA-Z]+)*$/).optional();

const FaultSpec = z
  .object({
    "500": fraction.default(0),
    "502": fraction.default(0),
    "503": fraction.default(0),
    "504": fraction.default(0),
    "5xx": fraction.default(0),
    "429": fraction.default(0),
    retryAfter: z.coerce.number().int().min(0).default(1),
    reset: fraction.default(0),
    slow: fraction.default(0),
    slowMs: z.coerce.number().int().min(0).default(2000),
    revoke: z.coerce.number().int().min(1).optional(),
    malformed: z.string().regex(/^[a-zA-Z]+(:\d+)?$/).optional(),
    writes: fraction.default(0),
    forbidden: resourceList,
    forbiddenChanges: resourceList,
  })
  .strict();

export type FaultKind = "500" | "502" | "503" | "504" | "429" | "reset" | "slow";

export interface Faults {
  readonly retryAfter: number;
  readonly slowMs: number;
  readonly revokeEvery: number | undefined;
  readonly malformed: { resource: string; rank: number | undefined } | undefined;
  /** API paths refused with 403. */
  readonly forbidden: ReadonlySet<string>;
  /** API paths whose /deletes and /keyChanges are refused with 403. */
  readonly forbiddenChanges: ReadonlySet<string>;
  /** The fault for this request, if any (counts repeats of the same request). */
  decide(requestKey: string): FaultKind | undefined;
  /** Whether concurrent writes precede this list request. */
  writesBefore(requestKey: string): boolean;
}

export function parseFaults(spec: string | undefined, seed: number): Faults {
  const raw: Record<string, string> = {};
  for (const item of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [name, value, ...rest] = item.split("=");
    if (value === undefined || rest.length > 0) throw new Error(`fault spec item "${item}" is not name=value`);
    raw[name] = value;
  }
  const parsed = FaultSpec.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || i.message}: ${i.message}`).join("; ");
    throw new Error(`invalid fault spec "${spec}": ${problems}`);
  }
  const f = parsed.data;
  const share = f["5xx"] / 4;
  const table: [FaultKind, number][] = [
    ["500", f["500"] + share],
    ["502", f["502"] + share],
    ["503", f["503"] + share],
    ["504", f["504"] + share],
    ["429", f["429"]],
    ["reset", f.reset],
    ["slow", f.slow],
  ];
  if (table.reduce((sum, [, p]) => sum + p, 0) > 1) throw new Error(`invalid fault spec "${spec}": fractions add up to more than 1`);
  const seen = new Map<string, number>();
  const draw = (key: string, salt: number) => {
    const n = seen.get(key + salt) ?? 0;
    seen.set(key + salt, n + 1);
    return hash32(seed, salt, stringHash(key), n) / 4294967296;
  };
  const [malformedResource, malformedRank] = f.malformed?.split(":") ?? [];
  return {
    retryAfter: f.retryAfter,
    slowMs: f.slowMs,
    revokeEvery: f.revoke,
    malformed: malformedResource
      ? { resource: malformedResource, rank: malformedRank === undefined ? undefined : Number(malformedRank) }
      : undefined,
    forbidden: new Set(f.forbidden?.split("+")),
    forbiddenChanges: new Set(f.forbiddenChanges?.split("+")),
    decide(requestKey) {
      let u = draw(requestKey, 1);
      for (const [kind, p] of table) {
        if (u < p) return kind;
        u -= p;
      }
      return undefined;
    },
    writesBefore(requestKey) {
      return f.writes > 0 && draw(requestKey, 2) < f.writes;
    },
  };
}
