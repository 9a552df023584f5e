// Settings come from the real environment, with a .env file (git-ignored) filling the gaps.
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/** Variables from a .env file, without overriding the real environment. */
export function loadEnvironment(env: NodeJS.ProcessEnv, envFile = ".env"): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, "utf8")) : {};
  return { ...fromFile, ...env };
}

/** The variables that name an outbound HTTP proxy, in both the cases tools read (lower case first). */
export const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"];

/**
 * Puts the .env file's proxy variables into the process environment, where every HTTP client in the
 * process looks for them (ours, and Google's for the lake on GCS); the real environment wins.
 */
export function exportProxyVariables(loaded: Record<string, string | undefined>, env: NodeJS.ProcessEnv = process.env): void {
  for (const name of PROXY_VARIABLES) if (env[name] === undefined && loaded[name] !== undefined) env[name] = loaded[name];
}
