// Extractor settings: the environment (and a .env file) validated with zod, command-line flags on top.
// Every field is documented in .env-sample; a bad value is reported by name with exit code 2.
import { z } from "zod";
import { PROXY_VARIABLES } from "../lib/env.js";
import { invalidRanges } from "./api/no-proxy-ranges.js";
import { redact } from "./api/redact.js";
import { parseLakeUri } from "./lake/index.js";

const years = z
  .string()
  .trim()
  .regex(/^\d{4}(\s*,\s*\d{4})*$/, "must be comma-separated four-digit school years, e.g. 2024,2025")
  .transform((value) => [...new Set(value.split(",").map((y) => Number(y.trim())))].sort());

const positive = (max: number) => z.coerce.number().int().min(1).max(max);

export const Settings = z.object({
  EDFI_API_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://api.district.org" })
    .transform((url) => url.replace(/\/+$/, "")),
  EDFI_CLIENT_ID: z.string({ error: "is required" }).min(1, "is required"),
  EDFI_CLIENT_SECRET: z.string({ error: "is required" }).min(1, "is required"),
  EDFI_SCHOOL_YEARS: years,
  LAKE_URI: z
    .string()
    .default("./lake")
    .superRefine((uri, ctx) => {
      try {
        parseLakeUri(uri);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  EXTRACT_CONCURRENCY: positive(64).default(8),
  EXTRACT_PAGE_SIZE: positive(5000).default(500),
  EXTRACT_MAX_RETRIES: z.coerce.number().int().min(0).max(50).default(8),
  EXTRACT_PART_MB: positive(4096).default(64),
  // Level 1 compresses ~3× faster than 6 for files ~14% larger: the extract is CPU-bound, storage is cheap.
  EXTRACT_GZIP_LEVEL: z.coerce.number().int().min(1).max(9).default(1),
});
export type Settings = z.infer<typeof Settings>;

export class ConfigError extends Error {
  readonly exitCode = 2;
}

/**
 * The proxy variables set in `env` that do not name an HTTP proxy: a URL (or host:port) with an http or
 * https scheme; and a NO_PROXY entry written as an IP range that is not one. They are read where requests
 * are made (extractor/api/proxy.ts, Google's client), not as settings, but checked here: a bad proxy would
 * fail the first request with a message naming no variable, and a bad range would silently match nothing.
 */
function proxyProblems(env: Record<string, string | undefined>): string[] {
  return PROXY_VARIABLES.filter((name) => env[name]).flatMap((name) => {
    const value = env[name] as string;
    if (/no_proxy/i.test(name)) {
      const invalid = invalidRanges(value);
      return invalid.length ? [`  ${name}: not an IP range (an address and a prefix length, e.g. 10.0.0.0/8): ${invalid.map((entry) => `"${entry}"`).join(", ")}`] : [];
    }
    // Without a scheme, HTTP clients take the scheme of the request (proxy-from-env does).
    const text = value.includes("://") ? value : `http://${value}`;
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (url && /^https?:$/.test(url.protocol) && url.hostname) return [];
    return [`  ${name}: must be an http or https proxy URL, e.g. http://proxy.district.org:3128 (got "${redact(value, [])}")`];
  });
}

/** Validate settings; flags (already in environment-variable names) override the environment. */
export function parseSettings(env: Record<string, string | undefined>, overrides: Partial<Record<keyof Settings, string>> = {}): Settings {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(Settings.shape)) input[key] = overrides[key as keyof Settings] ?? env[key];
  const parsed = Settings.safeParse(input);
  const proxies = proxyProblems(env);
  if (parsed.success && proxies.length === 0) return parsed.data;
  const lines = (parsed.success ? [] : parsed.error.issues).map((issue) => {
    const field = String(issue.path[0]);
    const shown = field === "EDFI_CLIENT_SECRET" || input[field] === undefined ? "" : ` (got "${input[field]}")`;
    return `  ${field}: ${input[field] === undefined ? "is required" : issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid settings (set them in the environment, .env or flags; see .env-sample):\n${[...lines, ...proxies].join("\n")}`);
}
