// Settings come from the real environment, with a .env file (git-ignored) filling the gaps.
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/** Variables from a .env file, without overriding the real environment. */
export function loadEnvironment(env: NodeJS.ProcessEnv, envFile = ".env"): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, "utf8")) : {};
  return { ...fromFile, ...env };
}
