// A forward proxy on a real socket, as corporate proxies are: it tunnels CONNECT requests that carry its
// credentials, resolves a host name of its own (API_HOST), and logs what it was asked for.
import { createServer, type IncomingMessage } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

/** A host name only the proxy knows (`.test` never resolves): a request that reaches the API without the proxy fails. */
export const API_HOST = "ods.district.test";
export const PROXY_CREDENTIALS = "district:pr0xy-s3cret";

/**
 * A forward proxy that tunnels CONNECT requests, once they carry PROXY_CREDENTIALS, and logs their
 * targets. `forbidden`: targets ("host:port") its allow-list leaves out, refused with a 403 after the
 * first `forbiddenAfter` tunnels to them. The simulator serves the token and the data from one address,
 * so letting the first tunnel through (the token's) stands for a proxy that allows the token's host and
 * refuses the data's.
 */
export async function startProxy({ forbidden = [] as string[], forbiddenAfter = 0 } = {}) {
  const tunnels: string[] = [];
  const refused: string[] = [];
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
    if (request.headers["proxy-authorization"] !== `Basic ${Buffer.from(PROXY_CREDENTIALS).toString("base64")}`) {
      refused.push(request.url!);
      client.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
      return;
    }
    if (forbidden.includes(request.url!) && tunnels.filter((target) => target === request.url).length >= forbiddenAfter) {
      refused.push(request.url!);
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    tunnels.push(request.url!);
    const [host, port] = request.url!.split(":");
    const upstream = connect(Number(port), host === API_HOST ? "127.0.0.1" : host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const url = (credentials: string) => `http://${credentials}@127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise((closed) => server.close(closed));
  };
  return { url, tunnels, refused, close };
}
