// The extractor's HTTP client for an Ed-Fi API: authenticated GETs over keep-alive sockets with one shared
// token (auth.ts), retries of transient failures (retry.ts) and errors that name the request and never
// carry a secret (redact.ts, errors.ts). Bodies come back as text, verbatim.
import got, { type Got } from "got";
import { TokenSource } from "./auth.js";
import { ApiError } from "./errors.js";
import { agentsFor, type Agents } from "./proxy.js";
import { redact } from "./redact.js";
import { attempt, RETRYABLE_STATUSES, statusFailure, withRetries, type ApiResponse, type Outcome, type RetryEvent, type RetryPolicy } from "./retry.js";

export type { ApiResponse, RetryEvent } from "./retry.js";
export { ApiError, AuthenticationError } from "./errors.js";
export { redact } from "./redact.js";

export interface ApiClientOptions {
  /** The API's base URL: data requests go to its host (through the proxy the environment names for it). */
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Max sockets; the caller also bounds its own concurrency. */
  concurrency: number;
  /** Retries per request after the first attempt (429, 500, 502, 503, 504, network errors, timeouts). Default 8. */
  maxRetries?: number;
  /** Base of the exponential backoff with full jitter. Default 250. */
  retryBaseMs?: number;
  /** Cap of one wait, Retry-After included. Default 30000. */
  retryMaxMs?: number;
  /** Per attempt. Default 60000. */
  timeoutMs?: number;
  /** Told of every retry (url and what redacted). */
  onRetry?: (event: RetryEvent) => void;
}

export interface ApiCounters {
  /** Calls of get and getPublic. */
  requests: number;
  /** Attempts after the first: token requests' and re-sends with a new token after a 401 included. */
  retries: number;
  /** POSTs to the token endpoint. */
  tokenRequests: number;
  /** Requests sent again with a new token after a 401. */
  refreshesAfter401: number;
}

const USER_AGENT = "edfi-amt-extractor";

export class ApiClient {
  readonly counters: ApiCounters = { requests: 0, retries: 0, tokenRequests: 0, refreshesAfter401: 0 };
  private readonly policy: RetryPolicy;
  private readonly http: Got;
  private readonly auth: TokenSource;
  private readonly tokenUrl: string;
  /** Data requests share `concurrency` sockets; the token request has its own so it never queues behind pages. */
  private readonly agents: Agents[];

  constructor(options: ApiClientOptions) {
    const { tokenUrl, clientId, clientSecret, concurrency, onRetry } = options;
    if (!tokenUrl || !clientId || !clientSecret) throw new Error("ApiClient needs a token URL, a client id and a client secret (EDFI_CLIENT_ID / EDFI_CLIENT_SECRET)");
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`ApiClient concurrency must be a positive integer, not ${concurrency}`);
    this.tokenUrl = tokenUrl;
    this.policy = retryPolicy(options, (event) => {
      this.counters.retries++;
      onRetry?.(event);
    }, (text) => redact(text, this.auth.secrets));
    const [tokenAgent, dataAgent] = (this.agents = [agentsFor(tokenUrl, 1), agentsFor(options.apiUrl, concurrency)]);
    this.http = httpClient(dataAgent, options);
    this.auth = new TokenSource({
      tokenUrl,
      clientId,
      clientSecret,
      http: this.http.extend({ agent: tokenAgent }),
      policy: this.policy,
      onRequest: () => this.counters.tokenRequests++,
    });
  }

  /**
   * Authenticated GET. `what` names the request for errors, e.g. "studentSchoolAssociations 2025 offset 500".
   * Retries 429/500/502/503/504 and network failures; after a 401 gets a new token and goes again (a 401
   * with a token the API has never accepted, right after a refresh, is an ApiError). Any other response
   * is returned as it is.
   */
  get(url: string, what: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
    this.counters.requests++;
    let refreshed = false;
    return withRetries(this.policy, { method: "GET", what, url }, async (n) => {
      const token = await this.auth.token();
      const outcome = await attempt(this.http, url, { headers: { ...headers, authorization: `Bearer ${token}` } }, this.policy.redact);
      if (!("value" in outcome)) return outcome;
      const { status } = outcome.value;
      if (status !== 401) {
        if (status < 500 && status !== 429) this.auth.markAccepted(token);
        return settle(outcome.value, this.policy);
      }
      if (refreshed && !this.auth.wasAccepted(token)) {
        const reason = `401 Unauthorized even with a fresh token from ${this.policy.redact(this.tokenUrl)} (does the token URL belong to this API and context?)`;
        const redacted = { what: this.policy.redact(what), url: this.policy.redact(url) };
        throw new ApiError({ method: "GET", ...redacted, attempts: n, status, reason });
      }
      refreshed = true;
      this.counters.refreshesAfter401++;
      await this.auth.refresh(token);
      return { failure: { reason: "401 Unauthorized (token renewed)", status, delayMs: 0 }, retryable: true };
    });
  }

  /** Unauthenticated GET (root document, metadata), with the same retries. */
  getPublic(url: string, what: string): Promise<ApiResponse> {
    this.counters.requests++;
    return publicGet(this.http, this.policy, url, what);
  }

  close(): void {
    for (const agent of this.agents) {
      agent.http.destroy();
      agent.https.destroy();
    }
  }
}

type RetryOptions = Pick<ApiClientOptions, "maxRetries" | "retryBaseMs" | "retryMaxMs" | "timeoutMs" | "onRetry">;

function retryPolicy(options: RetryOptions, onRetry: RetryPolicy["onRetry"], redactText: RetryPolicy["redact"]): RetryPolicy {
  return { maxRetries: options.maxRetries ?? 8, retryBaseMs: options.retryBaseMs ?? 250, retryMaxMs: options.retryMaxMs ?? 30_000, onRetry, redact: redactText };
}

/** got over `agents`, without got's own retries (withRetries does them) and returning every status. */
function httpClient(agents: Agents, options: RetryOptions): Got {
  return got.extend({ agent: agents, retry: { limit: 0 }, throwHttpErrors: false, timeout: { request: options.timeoutMs ?? 60_000 }, headers: { "user-agent": USER_AGENT } });
}

/** A response as an outcome: a retryable status is a failure to retry (Retry-After honoured). */
function settle(response: ApiResponse, policy: RetryPolicy): Outcome<ApiResponse> {
  return RETRYABLE_STATUSES.has(response.status) ? { failure: statusFailure(response, policy), retryable: true } : { value: response };
}

function publicGet(http: Got, policy: RetryPolicy, url: string, what: string): Promise<ApiResponse> {
  return withRetries(policy, { method: "GET", what, url }, async () => {
    const outcome = await attempt(http, url, {}, policy.redact);
    return "value" in outcome ? settle(outcome.value, policy) : outcome;
  });
}

/**
 * An unauthenticated GET with a client's agents, retries and errors (ApiClient.getPublic), for the root
 * document: it is read before there can be a client, since it names the token URL.
 */
export async function getPublicStandalone(url: string, what: string, options: RetryOptions): Promise<ApiResponse> {
  const agents = agentsFor(url, 1);
  try {
    return await publicGet(httpClient(agents, options), retryPolicy(options, (event) => options.onRetry?.(event), (text) => redact(text, [])), url, what);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
}
