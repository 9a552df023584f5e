// Keep-alive agents for the requests to one API host, through the district's outbound proxy when there is
// one. Networks that reach the internet only through a proxy name it in HTTPS_PROXY / HTTP_PROXY (hosts
// reached directly in NO_PROXY), which every command-line tool reads but Node's HTTP stack does not. A
// proxied request goes through a CONNECT tunnel (hpagent), so TLS stays end to end with the API.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";
import { HttpProxyAgent, HttpsProxyAgent } from "hpagent";
import { getProxyForUrl } from "proxy-from-env";
import { inNoProxyRange } from "./no-proxy-ranges.js";
import { redact } from "./redact.js";
import { describeStatus } from "./retry.js";

export interface Agents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** The code of a CONNECT the proxy refused: not in the retried codes, as another attempt gets the same answer. */
const REFUSED = "EPROXYREFUSED";

type Connecting = { host?: string; port?: number | string };
type Connect = (options: Connecting, callback: (error: Error | null, socket: Socket | null) => void) => void;

/**
 * hpagent reports a CONNECT the proxy refused as `Bad response: <status>`; this names the proxy (its
 * credentials masked), what it was asked for and why.
 */
function explainRefusal(proxy: string, options: Connecting, error: Error | null): Error | null {
  const status = Number(/^Bad response: (\d+)$/.exec(error?.message ?? "")?.[1]);
  if (!error || !status) return error;
  const hint =
    status === 407 ? " (check the user name and password in HTTPS_PROXY / HTTP_PROXY)"
    : status === 403 ? ` (the proxy does not allow that host: have ${options.host} allowed, or list it in NO_PROXY if it is reachable directly)`
    : "";
  const message = `the proxy ${redact(proxy, [])} refused to connect to ${options.host}:${options.port} with ${describeStatus(status)}${hint}`;
  return Object.assign(new Error(message), { code: REFUSED });
}

/** An hpagent agent whose refusals are explained (explainRefusal). */
function explained<T extends HttpAgent>(agent: T, proxy: string): T {
  const connect = (agent as unknown as { createConnection: Connect }).createConnection.bind(agent);
  const createConnection: Connect = (options, callback) => connect(options, (error, socket) => callback(explainRefusal(proxy, options, error), socket));
  return Object.assign(agent, { createConnection });
}

/** The proxy the environment names for `url` ("" for none): proxy-from-env's, unless the host is an address in a range of NO_PROXY. */
function proxyForUrl(url: URL): string {
  const proxy = getProxyForUrl(url);
  return proxy && inNoProxyRange(url.hostname, process.env.no_proxy || process.env.NO_PROXY || "") ? "" : proxy;
}

/**
 * Agents for requests to `url`'s host, each scheme through the proxy the environment names for it
 * (HTTPS_PROXY for https, HTTP_PROXY for http; none for a host or address range in NO_PROXY), else direct.
 */
export function agentsFor(url: string, maxSockets: number): Agents {
  const options = { keepAlive: true, maxSockets };
  const proxyFor = (protocol: string) => proxyForUrl(Object.assign(new URL(url), { protocol }));
  const [httpProxy, httpsProxy] = [proxyFor("http:"), proxyFor("https:")];
  return {
    http: httpProxy ? explained(new HttpProxyAgent({ ...options, proxy: httpProxy }), httpProxy) : new HttpAgent(options),
    https: httpsProxy ? explained(new HttpsProxyAgent({ ...options, proxy: httpsProxy }), httpsProxy) : new HttpsAgent(options),
  };
}
