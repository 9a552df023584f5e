// An API behind HTTPS with a certificate from the district's own CA, as on-premises ODS/APIs often are:
// the extractor CLI says how to trust that CA, and with NODE_EXTRA_CA_CERTS it extracts. The CA and the
// server certificate are made by openssl for this test; an HTTPS server forwards to the simulator.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../simulator/server.js";
import { settingsFor, tempLake } from "./support/extract.js";
import { envOf, runCli } from "./support/extract-cli.js";
import { PROXY_CREDENTIALS, startProxy } from "./support/proxy.js";

/** A CA (ca.pem) and a certificate it signed for 127.0.0.1 (server.pem, server.key), in a new folder. */
function districtCertificates(): string {
  const dir = mkdtempSync(join(tmpdir(), "district-ca-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=District Test CA");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  writeFileSync(join(dir, "san.cnf"), "subjectAltName=IP:127.0.0.1\n");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "san.cnf");
  return dir;
}

/** An HTTPS server with the district's certificate that forwards every request to the simulator. */
async function httpsFront(dir: string, sim: Simulator): Promise<Server> {
  const target = new URL(sim.url);
  const server = createServer({ key: readFileSync(join(dir, "server.key")), cert: readFileSync(join(dir, "server.pem")) }, (req, res) => {
    const forward = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return server;
}

test("an API certificate from the district's own CA: the error says to give Node the CA; with NODE_EXTRA_CA_CERTS the extract succeeds, through a proxy too", async () => {
  const dir = districtCertificates();
  const sim = await startSimulator({ students: 20 });
  const front = await httpsFront(dir, sim);
  try {
    const url = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
    const env = { ...envOf(settingsFor(sim, tempLake())), EDFI_API_BASE_URL: url };
    const untrusted = await runCli(["--resources", "schools"], env);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr.trim()).toBe(
      `extract failed: Cannot read the Ed-Fi API root document at ${url}/: UNABLE_TO_VERIFY_LEAF_SIGNATURE unable to verify the first certificate (if the district's own CA signed the API's certificate, start the extractor with NODE_EXTRA_CA_CERTS=<its PEM file> in the environment; .env is read too late for it)`,
    );
    const trusted = await runCli(["--resources", "schools"], { ...env, NODE_EXTRA_CA_CERTS: join(dir, "ca.pem") });
    expect(trusted.stderr).toMatch(/^Run \S+ succeeded/m);
    expect(trusted.code).toBe(0);
    // Through an outbound proxy (HTTPS_PROXY): TLS runs inside the CONNECT tunnel, end to end.
    const proxy = await startProxy();
    try {
      const proxied = await runCli(["--resources", "schools"], { ...env, NODE_EXTRA_CA_CERTS: join(dir, "ca.pem"), HTTPS_PROXY: proxy.url(PROXY_CREDENTIALS) });
      expect(proxied.code).toBe(0);
      expect(proxy.tunnels).toEqual([new URL(url).host]);
    } finally {
      await proxy.close();
    }
  } finally {
    front.closeAllConnections();
    await new Promise((closed) => front.close(closed));
    await sim.stop();
  }
}, 60_000);
