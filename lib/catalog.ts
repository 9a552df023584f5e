// Typed, validated view of the CommonJS resource catalog in includes/catalog.js (the single source of
// truth, also loaded by the Dataform sandbox).
import { z } from "zod";
import raw from "../includes/catalog.js";

export const DataStandard = z.union([z.literal(4), z.literal(5)]);
export type DataStandard = z.infer<typeof DataStandard>;

const jsonPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/);

const perStandard = <T extends z.ZodType>(value: T) =>
  z.object({ 4: value.optional(), 5: value.optional() }).refine((v) => v[4] !== undefined || v[5] !== undefined, {
    message: "must name at least one data standard",
  });

/** A staging column: "jsonPath[:type][ as column]". */
const FieldSpec = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*(:(string|int|bool|decimal|date|timestamp|descriptor))?( as [a-z][a-z0-9_]*)?$/);

interface ChildSpec {
  name: string;
  path: string;
  fields: string[];
  children: ChildSpec[];
}
const ChildSpec: z.ZodType<ChildSpec> = z.lazy(() =>
  z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/), path: jsonPath, fields: z.array(FieldSpec).min(1), children: z.array(ChildSpec).default([]) }),
);

export const CatalogEntry = z.object({
  resource: z.string().regex(/^[a-z][A-Za-z]+$/),
  table: z.string().regex(/^[a-z][a-z0-9_]*$/),
  paths: perStandard(z.string().regex(/^[a-z][A-Za-z]+$/)),
  key: perStandard(z.array(jsonPath).min(1)),
  schoolYear: jsonPath.nullable(),
  deletes: z.boolean(),
  keyChanges: z.boolean(),
  descriptor: z.boolean(),
  usedBy: z.array(z.string()).min(1),
  fields: z.array(FieldSpec),
  children: z.array(ChildSpec),
  incremental: z.boolean(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const catalog: readonly CatalogEntry[] = z.array(CatalogEntry).parse(raw.catalog);

/** The API path segment of a resource under /ed-fi/ for a data standard, or undefined when it has none. */
export function apiPath(entry: CatalogEntry, ds: DataStandard): string | undefined {
  return entry.paths[ds];
}

/** The natural key paths of a resource for a data standard. */
export function naturalKey(entry: CatalogEntry, ds: DataStandard): string[] {
  const key = entry.key[ds];
  if (!key) throw new Error(`resource ${entry.resource} does not exist in data standard ${ds}`);
  return key;
}

/** Catalog entries that exist in a data standard. */
export function resourcesFor(ds: DataStandard): CatalogEntry[] {
  return catalog.filter((entry) => entry.paths[ds] !== undefined);
}

export function entryByResource(resource: string): CatalogEntry | undefined {
  return catalog.find((entry) => entry.resource === resource);
}

/** The catalog entry served at /ed-fi/<path> under a data standard. */
export function entryByPath(path: string, ds: DataStandard): CatalogEntry | undefined {
  return catalog.find((entry) => entry.paths[ds] === path);
}
