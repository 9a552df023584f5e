// Errors of the lake. A message names the lake file or object (a path or gs:// URI) and the cause as one
// line; it never carries credentials: causes are reduced to their (scrubbed) message, never attached whole
// (a GCS client error holds the request's options and headers).
import { redact } from "../api/redact.js";

export type LakeOperation = "write" | "read" | "list";

export class LakeError extends Error {
  override readonly name = "LakeError";
  /** The cause's code when it has one: an errno name ("ENOENT", "ENOSPC") or an HTTP status (404, 412). */
  readonly code: string | number | undefined;

  constructor(
    readonly operation: LakeOperation,
    /** The file or object: an absolute path or a gs://bucket/object URI. */
    readonly location: string,
    cause: unknown,
  ) {
    super(`lake ${operation} failed for ${location}: ${describe(cause)}`);
    this.code = codeOf(cause);
  }
}

function codeOf(cause: unknown): string | number | undefined {
  if (typeof cause !== "object" || cause === null) return undefined;
  const { code } = cause as { code?: unknown };
  return typeof code === "string" || typeof code === "number" ? code : undefined;
}

function describe(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return redact(text.replace(/\s+/g, " ").trim() || "unknown error", []);
}
