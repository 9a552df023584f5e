// The one bearer token an ApiClient shares between all its requests (API-NOTES §2): client credentials
// in Basic auth with a form `grant_type=client_credentials`, at most one token request in flight, renewed
// shortly before it expires and when the API rejects it. Never asking for more than it needs keeps the
// client under the 7.3 cap of live tokens per client.
import type { Got } from "got";
import { AuthenticationError } from "./errors.js";
import { attempt, describeStatus, RETRYABLE_STATUSES, statusFailure, withRetries, type ApiResponse, type RetryPolicy } from "./retry.js";

/** Assumed when the token response has no usable `expires_in` (the ODS/API default). */
const DEFAULT_LIFETIME_MS = 1800_000;

interface Token {
  value: string;
  /** Renew from here on: 10% of the lifetime before expiry, at most 60 s before. */
  renewAt: number;
  /** Whether the API has accepted it at least once. */
  accepted: boolean;
}

export interface TokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  http: Got;
  policy: RetryPolicy;
  /** Called before every POST to the token endpoint. */
  onRequest(): void;
}

export class TokenSource {
  private current: Token | undefined;
  private pending: Promise<Token> | undefined;
  private readonly basic: string;
  private readonly tokens: string[] = [];

  constructor(private readonly options: TokenSourceOptions) {
    // Raw `id:secret`, as every Ed-Fi client sends it (no form-encoding of the parts).
    this.basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString("base64");
  }

  /** What must never be shown: the secret, the Basic credentials and every token held so far. */
  get secrets(): string[] {
    return [this.options.clientSecret, this.basic, ...this.tokens];
  }

  /** The current token, fetching or renewing it first when needed. */
  async token(): Promise<string> {
    const current = this.current;
    if (current && Date.now() < current.renewAt) return current.value;
    return (await this.renew()).value;
  }

  /** After a 401 with `stale`: a new token, unless another request already got one. */
  async refresh(stale: string): Promise<string> {
    if (this.current?.value === stale) this.current = undefined;
    return this.token();
  }

  markAccepted(token: string): void {
    if (this.current?.value === token) this.current.accepted = true;
  }

  /** False only for the current token when no request has got past authentication with it. */
  wasAccepted(token: string): boolean {
    return this.current?.value !== token || this.current.accepted;
  }

  private renew(): Promise<Token> {
    this.pending ??= this.request()
      .then((token) => (this.current = token))
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  private request(): Promise<Token> {
    const { tokenUrl, http, policy } = this.options;
    return withRetries(policy, { method: "POST", what: "token request", url: tokenUrl }, async () => {
      const started = Date.now();
      this.options.onRequest();
      const outcome = await attempt(
        http,
        tokenUrl,
        {
          method: "POST",
          headers: { authorization: `Basic ${this.basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: "grant_type=client_credentials",
        },
        policy.redact,
      );
      if (!("value" in outcome)) return outcome;
      const response = outcome.value;
      if (response.status === 200) return { value: this.accept(response.body, started) };
      if (RETRYABLE_STATUSES.has(response.status)) return { failure: statusFailure(response, policy), retryable: true };
      throw this.rejection(response);
    });
  }

  private accept(body: string, started: number): Token {
    const { access_token: value, expires_in: expiresIn } = parseObject(body);
    if (typeof value !== "string" || value === "") {
      throw new AuthenticationError(this.options.policy.redact(this.options.tokenUrl), 200, "the response holds no access_token", "check the token URL");
    }
    this.tokens.push(value);
    const lifetimeMs = Number(expiresIn) > 0 ? Number(expiresIn) * 1000 : DEFAULT_LIFETIME_MS;
    return { value, renewAt: started + lifetimeMs - Math.min(60_000, lifetimeMs / 10), accepted: false };
  }

  private rejection(response: ApiResponse): AuthenticationError {
    const body = parseObject(response.body);
    const code = typeof body.error === "string" ? body.error : describeStatus(response.status);
    const description = [body.error_description, body.detail, body.message].find((text) => typeof text === "string");
    const reason = this.options.policy.redact(description ? `${code}: ${description}` : code).replace(/\s+/g, " ");
    const hint = response.status === 400 || response.status === 401 ? "check EDFI_CLIENT_ID / EDFI_CLIENT_SECRET" : "check the token URL";
    return new AuthenticationError(this.options.policy.redact(this.options.tokenUrl), response.status, reason, hint);
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
