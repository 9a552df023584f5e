// Shape of the CommonJS module as seen from TypeScript; lib/catalog.ts validates it with zod.
declare const catalogModule: { DATA_STANDARDS: number[]; catalog: unknown[] };
export = catalogModule;
