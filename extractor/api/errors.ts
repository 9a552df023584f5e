// Errors the API client throws. Each message is one line, built only from parts the client has already
// redacted; a cause, when there is one, is a plain Error with a redacted message (never a got error, whose
// options hold the Authorization header).

export interface ApiErrorInit {
  method: "GET" | "POST";
  /** What the request was for, e.g. "studentSchoolAssociations 2025 offset 500". */
  what: string;
  /** Redacted URL. */
  url: string;
  attempts: number;
  /** The last failure, e.g. "503 Service Unavailable" or "ECONNRESET socket hang up". */
  reason: string;
  /** The last HTTP status, when the last attempt got a response. */
  status?: number;
  cause?: Error;
}

/** A request that failed for good: retries exhausted, a non-retryable network error, or 401 with a fresh token. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly method: "GET" | "POST";
  readonly what: string;
  readonly url: string;
  readonly attempts: number;
  readonly reason: string;
  readonly status: number | undefined;

  constructor(init: ApiErrorInit) {
    const attempts = `${init.attempts} attempt${init.attempts === 1 ? "" : "s"}`;
    super(`${init.method} ${init.what} failed after ${attempts}: ${init.reason}`, init.cause ? { cause: init.cause } : undefined);
    this.method = init.method;
    this.what = init.what;
    this.url = init.url;
    this.attempts = init.attempts;
    this.reason = init.reason;
    this.status = init.status;
  }
}

/** The token endpoint refused the credentials (or is not a token endpoint). Never retried. */
export class AuthenticationError extends Error {
  override readonly name = "AuthenticationError";

  constructor(
    /** Redacted token URL. */
    readonly tokenUrl: string,
    readonly status: number,
    /** The OAuth error code and description, or the HTTP status. */
    readonly reason: string,
    hint: string,
  ) {
    super(`Authentication failed at ${tokenUrl}: ${reason} (${hint})`);
  }
}

/** Node's codes for a TLS certificate it cannot trust because its issuer is unknown to it. */
const UNTRUSTED_ISSUER_CODES: ReadonlySet<string> = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT",
]);

/**
 * What to do about a network error of `code`, to append to its message: an API on the district's network
 * often has a certificate from the district's own CA, which Node trusts only when told of it at start-up.
 */
export function networkErrorHint(code: string | undefined): string {
  return code && UNTRUSTED_ISSUER_CODES.has(code)
    ? " (if the district's own CA signed the API's certificate, start the extractor with NODE_EXTRA_CA_CERTS=<its PEM file> in the environment; .env is read too late for it)"
    : "";
}
