// The parts of `dataform compile --json` the engine uses, validated with zod, and the flat list of
// actions it executes. Everything else in the JSON (bigquery options, descriptors, jitData) is ignored.
import { z } from "zod";

const Target = z.object({ database: z.string().optional(), schema: z.string(), name: z.string() });
export type Target = z.infer<typeof Target>;

const strings = z.array(z.string()).default([]);
const Common = z.object({
  target: Target,
  fileName: z.string().default(""),
  dependencyTargets: z.array(Target).default([]),
  tags: strings,
  disabled: z.boolean().default(false),
});

const Table = Common.extend({
  type: z.enum(["table", "view", "incremental"]),
  query: z.string(),
  preOps: strings,
  postOps: strings,
  incrementalQuery: z.string().optional(),
  incrementalPreOps: strings,
  incrementalPostOps: strings,
  uniqueKey: strings,
});

const Operation = Common.extend({ queries: strings });

const Assertion = Common.extend({ query: z.string(), parentAction: Target.optional() });

const UnitTest = z.object({ name: z.string(), fileName: z.string().default(""), testQuery: z.string(), expectedOutputQuery: z.string() });
export type UnitTest = z.infer<typeof UnitTest>;

export const CompiledGraph = z.object({
  tables: z.array(Table).default([]),
  operations: z.array(Operation).default([]),
  assertions: z.array(Assertion).default([]),
  tests: z.array(UnitTest).default([]),
  declarations: z.array(z.object({ target: Target })).default([]),
  graphErrors: z
    .object({ compilationErrors: z.array(z.object({ fileName: z.string().default(""), message: z.string().default("") })).default([]) })
    .default({ compilationErrors: [] }),
});
export type CompiledGraph = z.infer<typeof CompiledGraph>;

interface ActionBase {
  /** `schema.name`: the key dependencies are resolved by (the database part is dropped; see sql-rewrite.ts). */
  name: string;
  target: Target;
  fileName: string;
  tags: string[];
  disabled: boolean;
  /** Names of the actions this one reads; declarations and names outside the graph are left out. */
  dependencies: string[];
}
export type Action =
  | (ActionBase & { kind: "table" | "view"; query: string; preOps: string[]; postOps: string[] })
  | (ActionBase & {
      kind: "incremental";
      query: string;
      preOps: string[];
      postOps: string[];
      incrementalQuery: string;
      incrementalPreOps: string[];
      incrementalPostOps: string[];
      uniqueKey: string[];
    })
  | (ActionBase & { kind: "operation"; queries: string[] })
  | (ActionBase & { kind: "assertion"; query: string; parent?: string });
export type ActionKind = Action["kind"];

export const actionName = (target: Target) => `${target.schema}.${target.name}`;

/** The graph's executable actions, each with its dependencies resolved to action names. */
export function actionsOf(graph: CompiledGraph): Action[] {
  const base = (a: z.infer<typeof Common>) => ({ name: actionName(a.target), target: a.target, fileName: a.fileName, tags: a.tags, disabled: a.disabled, dependencies: a.dependencyTargets.map(actionName) });
  const actions: Action[] = [
    ...graph.operations.map((o) => ({ ...base(o), kind: "operation" as const, queries: o.queries })),
    ...graph.tables.map((t): Action => {
      const dataset = { ...base(t), query: t.query, preOps: t.preOps, postOps: t.postOps };
      return t.type === "incremental"
        ? { ...dataset, kind: "incremental", incrementalQuery: t.incrementalQuery ?? t.query, incrementalPreOps: t.incrementalPreOps, incrementalPostOps: t.incrementalPostOps, uniqueKey: t.uniqueKey }
        : { ...dataset, kind: t.type };
    }),
    ...graph.assertions.map((a) => ({ ...base(a), kind: "assertion" as const, query: a.query, ...(a.parentAction ? { parent: actionName(a.parentAction) } : {}) })),
  ];
  const known = new Set(actions.map((a) => a.name));
  return actions.map((a) => ({ ...a, dependencies: [...new Set(a.dependencies)].filter((d) => known.has(d) && d !== a.name) }));
}
