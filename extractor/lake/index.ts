// openLake: a lake URI to a Lake. `gs://bucket[/prefix]` is Google Cloud Storage; anything else a local
// folder (relative to the working directory, created if missing; `file://` URLs are accepted too).
import type { Storage } from "@google-cloud/storage";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GcsLake } from "./gcs.js";
import { LocalLake } from "./local.js";
import { checkPartOptions } from "./partition-writer.js";
import type { Lake } from "./types.js";

export type { Lake, LakeLine, Operation, PartitionTarget, PartitionWriter, WrittenFile } from "./types.js";
export { LakeError } from "./errors.js";
export { DEFAULT_GZIP_LEVEL, DEFAULT_MAX_PART_BYTES } from "./partition-writer.js";

export interface LakeOptions {
  /** A part rolls before its uncompressed size would pass this. Default 64 MiB. */
  maxPartBytes?: number;
  /** gzip level 0–9. Default 6. */
  gzipLevel?: number;
  /** The GCS client to use for gs:// lakes (default: a new one with Application Default Credentials). */
  storage?: Storage;
}

export type LakeLocation = { kind: "local"; root: string } | { kind: "gcs"; bucket: string; prefix: string };

const ACCEPTED = "expected a local folder path or gs://<bucket>[/<prefix>]";
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/** Where a lake URI points; an Error naming the URI and what is accepted if it is not a lake URI. */
export function parseLakeUri(uri: string, cwd = process.cwd()): LakeLocation {
  const invalid = (why: string) => new Error(`invalid lake URI ${JSON.stringify(uri)}: ${why}; ${ACCEPTED}`);
  if (uri.trim() === "") throw invalid("it is empty");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: "local", root: resolve(cwd, uri) };
  if (scheme === "file") {
    try {
      return { kind: "local", root: fileURLToPath(uri) };
    } catch (error) {
      throw invalid((error as Error).message);
    }
  }
  if (scheme !== "gs") throw invalid(`${scheme}:// is not supported`);
  const [bucket = "", ...rest] = uri.slice("gs://".length).split("/");
  if (bucket === "") throw invalid("no bucket");
  if (!BUCKET.test(bucket)) throw invalid(`${JSON.stringify(bucket)} is not a bucket name`);
  const segments = rest.filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) throw invalid('"." and ".." are not allowed in the prefix');
  return { kind: "gcs", bucket, prefix: segments.map((s) => `${s}/`).join("") };
}

export function openLake(uri: string, options: LakeOptions = {}): Lake {
  const location = parseLakeUri(uri);
  const parts = checkPartOptions(options);
  return location.kind === "gcs"
    ? new GcsLake(uri, location.bucket, location.prefix, parts, options.storage)
    : new LocalLake(uri, location.root, parts);
}
