import { startSimulator, type Simulator } from "../simulator/server.js";
import { client, get, post, requestToken, routeBase } from "./support/api.js";

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("OAuth client credentials", () => {
  let sim73: Simulator;
  let sim61: Simulator;
  beforeAll(async () => {
    [sim73, sim61] = await Promise.all([
      startSimulator({ students: 20, apiVersion: "7.3", tokenTtl: 1 }),
      startSimulator({ students: 20, apiVersion: "6.1" }),
    ]);
  });
  afterAll(() => Promise.all([sim73.stop(), sim61.stop()]));

  test("issues a lower-case bearer token for Basic credentials and a form body", async () => {
    const r = await post(routeBase(sim61, "oauth"), "grant_type=client_credentials", { ...form, Authorization: basic("edfi-sim-key", "edfi-sim-secret") });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ token_type: "bearer", expires_in: 1800 });
    expect(r.json().access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  test("accepts credentials in a JSON body", async () => {
    const body = JSON.stringify({ grant_type: "client_credentials", client_id: "edfi-sim-key", client_secret: "edfi-sim-secret" });
    const r = await post(routeBase(sim61, "oauth"), body, { "Content-Type": "application/json" });
    expect(r.status).toBe(200);
  });

  test("rejects bad secrets, both credential places, wrong grants and other schemes with OAuth errors", async () => {
    const url = routeBase(sim61, "oauth");
    const bad = await post(url, "grant_type=client_credentials", { ...form, Authorization: basic("edfi-sim-key", "nope") });
    expect([bad.status, bad.json().error]).toEqual([401, "invalid_client"]);
    const both = await post(url, "grant_type=client_credentials&client_id=edfi-sim-key&client_secret=edfi-sim-secret", {
      ...form,
      Authorization: basic("edfi-sim-key", "edfi-sim-secret"),
    });
    expect([both.status, both.json().error]).toEqual([400, "invalid_client"]);
    const grant = await post(url, "grant_type=password", { ...form, Authorization: basic("edfi-sim-key", "edfi-sim-secret") });
    expect([grant.status, grant.json().error]).toEqual([400, "unsupported_grant_type"]);
    const scheme = await post(url, "grant_type=client_credentials", { ...form, Authorization: "Bearer abc" });
    expect([scheme.status, scheme.json().error]).toEqual([401, "invalid_client"]);
    const missing = await post(url, "grant_type=client_credentials", form);
    expect([missing.status, missing.json().error]).toEqual([401, "invalid_request"]);
  });

  test("data calls without a valid token get the version's 401 body", async () => {
    const none73 = await get(`${routeBase(sim73, "data")}/ed-fi/students`);
    expect(none73.status).toBe(401);
    expect(none73.headers.get("content-type")).toContain("application/problem+json");
    expect(none73.json()).toMatchObject({ type: "urn:ed-fi:api:security:authentication", status: 401, errors: ["Authorization header is missing."] });
    const bad73 = await get(`${routeBase(sim73, "data")}/ed-fi/students`, "0".repeat(32));
    expect(bad73.json().errors).toEqual(["Invalid token"]);
    const bad61 = await get(`${routeBase(sim61, "data")}/ed-fi/students`, "0".repeat(32));
    expect(bad61.status).toBe(401);
    expect(bad61.json()).toHaveProperty("message");
  });

  test("a token stops working when it expires", async () => {
    const api = await client(sim73);
    expect((await api.get("students?limit=1")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api.get("students?limit=1")).status).toBe(401);
  });

  test("7.3 caps live tokens per client at 15 (429 too-many-tokens); 6.1 does not", async () => {
    const sim = await startSimulator({ students: 20, apiVersion: "7.3" });
    try {
      for (let i = 0; i < 15; i++) await requestToken(sim);
      const over = await post(routeBase(sim, "oauth"), "grant_type=client_credentials", { ...form, Authorization: basic("edfi-sim-key", "edfi-sim-secret") });
      expect(over.status).toBe(429);
      expect(over.json()).toMatchObject({ type: "urn:ed-fi:api:security:authentication:too-many-tokens", title: "Too Many Tokens" });
    } finally {
      await sim.stop();
    }
    for (let i = 0; i < 20; i++) await requestToken(sim61);
  });
});
