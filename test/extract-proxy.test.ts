// A district network that reaches the API only through an outbound proxy: the extractor CLI tunnels
// through the proxy HTTP_PROXY names (credentials from its URL), goes direct to the hosts and address
// ranges in NO_PROXY, and says clearly when the proxy refuses it or a proxy variable is not a proxy URL.
// The proxy is a real CONNECT proxy (test/support/proxy.ts), which alone resolves the API's host name.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../simulator/server.js";
import { settingsFor, tempLake } from "./support/extract.js";
import { envOf, runCli, type Env } from "./support/extract-cli.js";
import { API_HOST, PROXY_CREDENTIALS as CREDENTIALS, startProxy } from "./support/proxy.js";

describe("an API behind an outbound proxy", () => {
  let sim: Simulator;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let port: string;
  const env = (overrides: Env): Env => ({ ...envOf(settingsFor(sim, tempLake())), EXTRACT_CONCURRENCY: "2", ...overrides });

  beforeAll(async () => {
    sim = await startSimulator({ students: 20 });
    port = new URL(sim.url).port;
  });
  afterAll(() => sim.stop());
  beforeEach(async () => (proxy = await startProxy()));
  afterEach(() => proxy.close());

  test("HTTP_PROXY: discovery, the token and the data go through the proxy, whose credentials are never printed", async () => {
    const run = await runCli(["--resources", "schools,students"], env({ EDFI_API_BASE_URL: `http://${API_HOST}:${port}`, HTTP_PROXY: proxy.url(CREDENTIALS) }));
    expect(run.stderr).toMatch(/^Run \S+ succeeded/m);
    expect(run.code).toBe(0);
    // The discovery document names the simulator's own address for the token and the data: one tunnel
    // for discovery, then at least one each for the token's agent and the data's.
    expect(proxy.tunnels[0]).toBe(`${API_HOST}:${port}`);
    expect(proxy.tunnels.filter((target) => target === `127.0.0.1:${port}`).length).toBeGreaterThanOrEqual(2);
    expect(run.stdout + run.stderr).not.toContain("pr0xy-s3cret");
  });

  test("NO_PROXY names the API's host: requests go direct", async () => {
    const run = await runCli(["--resources", "schools"], env({ http_proxy: proxy.url(CREDENTIALS), no_proxy: "localhost,127.0.0.1" }));
    expect(run.code).toBe(0);
    expect(proxy.tunnels).toEqual([]);
  });

  // proxy-from-env reads NO_PROXY's entries as host names only; the extractor reads its IP ranges too.
  test("NO_PROXY names an IP range holding the API's address: requests go direct; a range without it does not", async () => {
    const direct = await runCli(["--resources", "schools"], env({ http_proxy: proxy.url(CREDENTIALS), no_proxy: ".district.org,127.0.0.0/8" }));
    expect(direct.code).toBe(0);
    expect(proxy.tunnels).toEqual([]);
    const proxied = await runCli(["--resources", "schools"], env({ http_proxy: proxy.url(CREDENTIALS), NO_PROXY: "10.0.0.0/8,::1/128" }));
    expect(proxied.code).toBe(0);
    expect(proxy.tunnels).toContain(`127.0.0.1:${port}`);
  });

  test("the proxy refuses the credentials: one clear line naming the proxy, exit 1, no retries", async () => {
    const wrong = proxy.url("district:wrong-s3cret");
    const run = await runCli(["--resources", "schools"], env({ EDFI_API_BASE_URL: `http://${API_HOST}:${port}`, HTTP_PROXY: wrong }));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `extract failed: Cannot read the Ed-Fi API root document at http://${API_HOST}:${port}/: EPROXYREFUSED the proxy ${wrong.replace("wrong-s3cret", "***")} refused to connect to ${API_HOST}:${port} with 407 Proxy Authentication Required (check the user name and password in HTTPS_PROXY / HTTP_PROXY)`,
    );
    expect(proxy.refused).toEqual([`${API_HOST}:${port}`]);
  });

  // The root document may send the token and data requests to another host than the one the proxy lets
  // through (here the simulator's own address): they fail as the root document's request would.
  test("the proxy refuses a host the root document names: one clear line, exit 1, nothing landed, no retries", async () => {
    await proxy.close();
    proxy = await startProxy({ forbidden: [`127.0.0.1:${port}`] });
    const lake = tempLake();
    const run = await runCli(["--resources", "schools"], env({ EDFI_API_BASE_URL: `http://${API_HOST}:${port}`, HTTP_PROXY: proxy.url(CREDENTIALS), LAKE_URI: lake }));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `extract failed: POST token request failed after 1 attempt: EPROXYREFUSED the proxy ${proxy.url("district:***")} refused to connect to 127.0.0.1:${port} with 403 Forbidden (the proxy does not allow that host: have 127.0.0.1 allowed, or list it in NO_PROXY if it is reachable directly)`,
    );
    expect(proxy.refused).toEqual([`127.0.0.1:${port}`]);
    expect(existsSync(join(lake, "edfi"))).toBe(false);
    expect(run.stdout + run.stderr).not.toContain("pr0xy-s3cret");
  });

  test("the proxy lets the token's host through but refuses the data's: one clear line naming the request, exit 1, no retries, nothing landed", async () => {
    await proxy.close();
    proxy = await startProxy({ forbidden: [`127.0.0.1:${port}`], forbiddenAfter: 1 });
    const lake = tempLake();
    const run = await runCli(["--resources", "schools"], env({ EDFI_API_BASE_URL: `http://${API_HOST}:${port}`, HTTP_PROXY: proxy.url(CREDENTIALS), LAKE_URI: lake }));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `extract failed: GET availableChangeVersions 2025 failed after 1 attempt: EPROXYREFUSED the proxy ${proxy.url("district:***")} refused to connect to 127.0.0.1:${port} with 403 Forbidden (the proxy does not allow that host: have 127.0.0.1 allowed, or list it in NO_PROXY if it is reachable directly)`,
    );
    // The root document's tunnel and the token's went through; the data's first request was refused, once.
    expect(proxy.tunnels).toEqual([`${API_HOST}:${port}`, `127.0.0.1:${port}`]);
    expect(proxy.refused).toEqual([`127.0.0.1:${port}`]);
    expect(existsSync(join(lake, "edfi"))).toBe(false);
    expect(run.stdout + run.stderr).not.toContain("pr0xy-s3cret");
  });

  test("a proxy variable that is not a proxy URL, or a NO_PROXY range that is not a range, is a settings error naming it, exit 2", async () => {
    const run = await runCli(["--resources", "schools"], env({ HTTPS_PROXY: "socks5://user:s3cret@127.0.0.1:1080", http_proxy: "proxy.district.org:port", NO_PROXY: "localhost,10.0.0.0/33,10.1.0.0/16" }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`  NO_PROXY: not an IP range (an address and a prefix length, e.g. 10.0.0.0/8): "10.0.0.0/33"\n`);
    expect(run.stderr).toContain(`  HTTPS_PROXY: must be an http or https proxy URL, e.g. http://proxy.district.org:3128 (got "socks5://user:***@127.0.0.1:1080")`);
    expect(run.stderr).toContain(`  http_proxy: must be an http or https proxy URL, e.g. http://proxy.district.org:3128 (got "proxy.district.org:port")`);
    expect(run.stderr).not.toContain("s3cret");
  });
});
