// Small HTTP helpers shared by the simulator's handlers: bodies, errors in each version's shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { Profile } from "./profile.js";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** Problem-details type suffix after `urn:ed-fi:api:` */
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (error: string) =>
  new HttpError(400, "bad-request:parameter-validation-failed", "Parameter Validation Failed", "The request construction was invalid.", [error]);

export const notFound = (detail = "The specified resource could not be found.") =>
  new HttpError(404, "not-found", "Not Found", detail);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(body), { "Content-Type": "application/json; charset=utf-8", ...headers });
}

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** 7.2+ answers with problem details; earlier versions with `{ message }`. */
export function sendError(res: ServerResponse, profile: Profile, error: HttpError): void {
  if (profile.problemDetails) {
    const body = {
      detail: error.detail,
      type: `urn:ed-fi:api:${error.type}`,
      title: error.title,
      status: error.status,
      correlationId: randomUUID(),
      ...(error.errors.length ? { errors: error.errors } : {}),
    };
    send(res, error.status, JSON.stringify(body), { "Content-Type": "application/problem+json", ...error.headers });
  } else {
    const message = error.errors.length ? error.errors.join(" ") : error.detail;
    sendJson(res, error.status, { message }, error.headers);
  }
}

export async function readBody(req: IncomingMessage, limit = 65536): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "bad-request", "Payload Too Large", "Request body too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
