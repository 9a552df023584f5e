// OAuth 2 client-credentials as the ODS/API implements it (API-NOTES §2): Basic or body credentials
// (not both), form or JSON bodies, opaque 32-hex bearer tokens with an expiry, and on 7.3 a cap on live
// tokens per client.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { Profile } from "./profile.js";
import { HttpError, readBody, sendError, sendJson } from "./http.js";

interface Grant {
  clientId: string;
  expiresAt: number;
}

function tokenError(status: number, error: string, description: string): HttpError {
  // Token errors keep the OAuth shape `{ error, error_description }` on every version.
  return Object.assign(new HttpError(status, "security:authentication", "Authentication Failed", description), { oauthError: error });
}

export class TokenIssuer {
  private readonly grants = new Map<string, Grant>();
  issued = 0;

  constructor(
    private readonly profile: Profile,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly ttlSeconds: number,
  ) {}

  async handleTokenRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") {
      sendError(res, this.profile, new HttpError(405, "method-not-allowed", "Method Not Allowed", "Use POST.", [], { Allow: "POST" }));
      return;
    }
    try {
      const grant = this.authenticate(req, await readBody(req));
      const token = randomBytes(16).toString("hex");
      this.grants.set(token, grant);
      this.issued++;
      sendJson(
        res,
        200,
        { access_token: token, expires_in: this.ttlSeconds, token_type: "bearer", scope: null },
        { "Cache-Control": "no-store", Pragma: "no-cache" },
      );
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const oauthError = (error as HttpError & { oauthError?: string }).oauthError;
      if (oauthError) sendJson(res, error.status, { error: oauthError, error_description: error.detail });
      else sendError(res, this.profile, error);
    }
  }

  private authenticate(req: IncomingMessage, body: string): Grant {
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    let fields: Record<string, unknown>;
    try {
      fields = type === "application/json" ? (JSON.parse(body || "{}") as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(body));
    } catch {
      throw tokenError(400, "invalid_request", "The request body is not valid JSON.");
    }
    let id = typeof fields.client_id === "string" ? fields.client_id : undefined;
    let secret = typeof fields.client_secret === "string" ? fields.client_secret : undefined;
    const authorization = req.headers.authorization;
    if (authorization) {
      const [scheme, value] = authorization.split(" ");
      if (scheme.toLowerCase() !== "basic" || !value) throw tokenError(401, "invalid_client", "Unknown Authorization header scheme.");
      if (id !== undefined || secret !== undefined) throw tokenError(400, "invalid_client", "Credentials were supplied both in the header and the body.");
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      id = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (fields.grant_type !== "client_credentials") throw tokenError(400, "unsupported_grant_type", "Only client_credentials is supported.");
    if (!id || !secret) throw tokenError(401, "invalid_request", "Client id and secret are required.");
    if (id !== this.clientId || secret !== this.clientSecret) throw tokenError(401, "invalid_client", "Invalid client or client secret.");
    const now = Date.now();
    if (this.profile.tokenCap > 0 && this.liveTokens(id, now) >= this.profile.tokenCap) {
      throw new HttpError(429, "security:authentication:too-many-tokens", "Too Many Tokens", "Too many access tokens have been requested.", [
        `Too many access tokens have been requested (limit is ${this.profile.tokenCap}). Access tokens should be reused until they expire.`,
      ]);
    }
    return { clientId: id, expiresAt: now + this.ttlSeconds * 1000 };
  }

  private liveTokens(clientId: string, now: number): number {
    let live = 0;
    for (const [token, grant] of this.grants) {
      if (grant.expiresAt <= now) this.grants.delete(token);
      else if (grant.clientId === clientId) live++;
    }
    return live;
  }

  /** Throws the version's 401 unless the request carries a live bearer token. */
  authorize(req: IncomingMessage): void {
    const authorization = req.headers.authorization;
    const fail = (reason: string) => new HttpError(401, "security:authentication", "Authentication Failed", "The caller could not be authenticated.", [reason]);
    if (!authorization) throw fail("Authorization header is missing.");
    const [scheme, token] = authorization.split(" ");
    if (scheme.toLowerCase() !== "bearer" || !token) throw fail("Unknown Authorization header scheme.");
    const grant = this.grants.get(token);
    if (!grant || grant.expiresAt <= Date.now()) throw fail("Invalid token");
  }

  /** Fault injection: every issued token stops working at once. */
  revokeAll(): void {
    this.grants.clear();
  }
}
