// One HTTP attempt and the retry loop around it: which failures are transient (API-NOTES §5: 429, 500,
// 502, 503, 504, resets, timeouts), how long to wait (Retry-After, else exponential backoff with full
// jitter, both capped) and the ApiError when the attempts run out.
import { STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Got, Request, StreamOptions } from "got";
import { pageMemory } from "../buffer-pool.js";
import { ApiError, networkErrorHint } from "./errors.js";

export interface ApiResponse {
  status: number;
  headers: Record<string, string | undefined>;
  /** The body as received (content encoding undone): pages are read from these bytes. */
  bytes: Buffer;
  /** The body as text (UTF-8), decoded when asked for. */
  readonly body: string;
}

export function apiResponse(status: number, headers: Record<string, string | undefined>, bytes: Buffer): ApiResponse {
  return {
    status,
    headers,
    bytes,
    get body() {
      return bytes.toString("utf8");
    },
  };
}

export interface RetryEvent {
  /** Redacted. */
  url: string;
  /** The request's `what` (redacted). */
  what: string;
  /** The attempt that failed (1 = the first); the next one is attempt + 1. */
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  onRetry(event: RetryEvent): void;
  redact(text: string): string;
}

/** Why an attempt failed. `delayMs` replaces the backoff (Retry-After, or 0 to go again at once). */
export interface Failure {
  reason: string;
  status?: number;
  delayMs?: number;
  cause?: Error;
}

export type Outcome<T> = { value: T } | { failure: Failure; retryable: boolean };

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Network errors worth another try (got's list without ENOTFOUND, which is nearly always a wrong host). */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  "ETIMEDOUT", "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "EPIPE", "ENETUNREACH", "EHOSTUNREACH", "EAI_AGAIN", "ERR_STREAM_PREMATURE_CLOSE",
]);

export const describeStatus = (status: number): string => `${status} ${STATUS_CODES[status] ?? "Unknown Status"}`;

/** Full jitter: uniform in [0, min(maxMs, baseMs · 2^(retry - 1))]. */
export function backoffMs(retry: number, baseMs: number, maxMs: number): number {
  return Math.round(Math.random() * Math.min(maxMs, baseMs * 2 ** (retry - 1)));
}

/** Retry-After in ms from now, given as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A retryable status; waits at least Retry-After (plus a little jitter so a crowd does not come back at once), capped. */
export function statusFailure(response: ApiResponse, policy: RetryPolicy): Failure {
  const wait = retryAfterMs(response.headers["retry-after"]);
  const delayMs = wait === undefined ? undefined : Math.min(policy.retryMaxMs, wait + backoffMs(1, policy.retryBaseMs, policy.retryBaseMs));
  return { reason: describeStatus(response.status), status: response.status, delayMs };
}

function flatten(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value]));
}

/**
 * One request. Network errors come back as failures with a redacted message (got's error is dropped).
 * Read through got's stream API: its promise API wraps the same stream and costs about 0.2 ms more CPU
 * per request, a third of what got adds to a bare node:http request (2,400 requests per million records).
 */
export async function attempt(http: Got, url: string, options: StreamOptions, redact: (text: string) => string): Promise<Outcome<ApiResponse>> {
  try {
    return { value: await receive(http.stream(url, options)) };
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : undefined;
    const message = redact(error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
    const reason = `${code && !message.includes(code) ? `${code} ${message}` : message}${networkErrorHint(code)}`;
    return { failure: { reason, cause: Object.assign(new Error(reason), { code }) }, retryable: code !== undefined && RETRYABLE_CODES.has(code) };
  }
}

/**
 * The response of a got request stream, its body read whole into pageMemory (the reader of a page
 * gives it back). Each chunk is copied as it arrives: kept in a list until the end, the chunks of a
 * body that took a while outlived two young collections, and their memory then waited for a full one.
 */
function receive(request: Request): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    let body: Buffer = Buffer.alloc(0);
    let size = 0;
    request.once("response", (response: IncomingMessage) => {
      const length = Number(response.headers["content-length"]);
      if (!response.headers["content-encoding"] && Number.isSafeInteger(length) && length > 0) body = pageMemory.take(length);
    });
    request.on("data", (chunk: Buffer) => {
      if (size + chunk.length > body.length) body = grown(body, size, size + chunk.length);
      size += chunk.copy(body, size);
    });
    request.once("error", reject);
    request.once("end", () => {
      const { statusCode, headers } = request.response!;
      resolve(apiResponse(statusCode, flatten(headers), body.subarray(0, size)));
    });
  });
}

/** `body`'s first `size` bytes in pageMemory with room for `needed`. */
function grown(body: Buffer, size: number, needed: number): Buffer {
  const larger = pageMemory.take(Math.max(needed, 2 * body.length));
  body.copy(larger, 0, 0, size);
  pageMemory.release(body);
  return larger;
}

/** Runs `run(attempt)` until it gives a value, a non-retryable failure, or maxRetries retries have failed. */
export async function withRetries<T>(
  policy: RetryPolicy,
  request: { method: "GET" | "POST"; what: string; url: string },
  run: (attempt: number) => Promise<Outcome<T>>,
): Promise<T> {
  let redacted: { url: string; what: string } | undefined;
  for (let n = 1; ; n++) {
    const outcome = await run(n);
    if ("value" in outcome) return outcome.value;
    // Redacted once there is something to report: nearly every request succeeds at once.
    redacted ??= { url: policy.redact(request.url), what: policy.redact(request.what) };
    const { url, what } = redacted;
    const { failure, retryable } = outcome;
    if (!retryable || n > policy.maxRetries) throw new ApiError({ ...request, url, what, attempts: n, ...failure });
    const delayMs = failure.delayMs ?? backoffMs(n, policy.retryBaseMs, policy.retryMaxMs);
    policy.onRetry({ url, what, attempt: n, reason: failure.reason, delayMs });
    if (delayMs > 0) await sleep(delayMs);
  }
}
