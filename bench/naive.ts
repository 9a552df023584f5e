// The seed project's way of extracting, kept as the baseline of the extractor benchmark: a token once,
// then one request at a time with offset paging (`offset += limit`), every parsed record pushed into one
// array, and the whole array written as JSON to one file at the end.
//
//   node --import tsx bench/naive.ts <api base url> <resource path,…> <output file>
//
// Prints JSON lines: `begin` once loaded, then `end` with the records read (or `failed` with the error).
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const LIMIT = 500;

/** A bearer token for the simulator's default client (client credentials in the form body). */
export async function accessToken(base: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "edfi-sim-key", client_secret: "edfi-sim-secret" });
  const response = await fetch(`${base}/oauth/token`, { method: "POST", body: form });
  if (!response.ok) throw new Error(`token request failed with HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Total-Count of a resource of a shared-instance API. */
export async function totalCount(base: string, bearer: string, path: string): Promise<number> {
  const response = await fetch(`${base}/data/v3/ed-fi/${path}?limit=0&totalCount=true`, { headers: { Authorization: `Bearer ${bearer}` } });
  const total = Number(response.headers.get("total-count"));
  if (!response.ok || !Number.isInteger(total)) throw new Error(`GET ${path} count failed with HTTP ${response.status}`);
  return total;
}

async function naiveExtract(base: string, paths: string[], output: string): Promise<number> {
  const bearer = await accessToken(base);
  const records: unknown[] = [];
  for (const path of paths) {
    for (let offset = 0; ; offset += LIMIT) {
      const response = await fetch(`${base}/data/v3/ed-fi/${path}?offset=${offset}&limit=${LIMIT}`, { headers: { Authorization: `Bearer ${bearer}` } });
      if (!response.ok) throw new Error(`GET ${path} offset ${offset} failed with HTTP ${response.status}`);
      const page = JSON.parse(await response.text()) as unknown[];
      for (const record of page) records.push(record);
      if (page.length < LIMIT) break;
    }
  }
  writeFileSync(output, JSON.stringify(records));
  return records.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [base, resources, output] = process.argv.slice(2);
  const emit = (event: string, fields: Record<string, unknown> = {}) => console.log(JSON.stringify({ event, ...fields }));
  emit("begin");
  try {
    const records = await naiveExtract(base, resources.split(","), output);
    emit("end", { records });
  } catch (error) {
    emit("failed", { error: (error as Error).message });
    process.exitCode = 1;
  }
}
