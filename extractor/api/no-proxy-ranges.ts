// The IP ranges of NO_PROXY (`10.0.0.0/8`, `fd00::/8`), as curl reads them. proxy-from-env matches
// NO_PROXY's entries against host names only, so a range there would match nothing and send requests to
// an API on the district's own network through the proxy.
import { BlockList, isIP } from "node:net";

/**
 * A NO_PROXY entry written as an IP range: an address, a slash, a prefix length. Entries with a slash
 * that do not start with an address, such as URLs (which Google's client matches), are left alone.
 */
const looksLikeRange = (entry: string) => /^[0-9a-f.:]+\//i.test(entry);

/** `entry` as [address, prefix, family] when it is a valid IP range, else undefined. */
function parseRange(entry: string): [string, number, "ipv4" | "ipv6"] | undefined {
  const [address, prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (rest.length > 0 || version === 0 || !(bits <= (version === 4 ? 32 : 128))) return undefined;
  return [address, bits, version === 4 ? "ipv4" : "ipv6"];
}

const entriesOf = (noProxy: string) =>
  noProxy
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/** The NO_PROXY entries that are written as IP ranges but are not valid ones (`10.0.0.0/33`, `fd00::/129`). */
export function invalidRanges(noProxy: string): string[] {
  return entriesOf(noProxy).filter((entry) => looksLikeRange(entry) && !parseRange(entry));
}

/** Whether `hostname` (a URL's: IPv6 in brackets) is an IP address inside one of NO_PROXY's ranges. */
export function inNoProxyRange(hostname: string, noProxy: string): boolean {
  const address = hostname.replace(/^\[(.*)\]$/, "$1");
  const version = isIP(address);
  if (version === 0) return false;
  const ranges = new BlockList();
  for (const range of entriesOf(noProxy).filter(looksLikeRange).map(parseRange)) {
    if (range) ranges.addSubnet(...range);
  }
  return ranges.check(address, version === 4 ? "ipv4" : "ipv6");
}
