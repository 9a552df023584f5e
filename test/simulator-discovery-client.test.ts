// A generic client that knows nothing but the API root: it reads the root document, the OpenAPI metadata
// it points to, takes a token from the advertised OAuth URL and reads every advertised resource and
// /deletes path. This is how third-party Ed-Fi clients discover an API.
import { startSimulator, type Mode, type Simulator } from "../simulator/server.js";
import type { ApiVersion } from "../simulator/profile.js";
import { get, post } from "./support/api.js";

const dir = (url: string) => url.replace(/\/?$/, "/");

async function discoverAndRead(sim: Simulator, rootUrl: string) {
  const root = (await get(rootUrl)).json();
  const basic = Buffer.from(`${sim.options.clientId}:${sim.options.clientSecret}`).toString("base64");
  const tokenResponse = await post(root.urls.oauth, "grant_type=client_credentials", {
    Authorization: `Basic ${basic}`,
    "Content-Type": "application/x-www-form-urlencoded",
  });
  const token = tokenResponse.json().access_token as string;
  const sections: { name: string; endpointUri: string }[] = (await get(root.urls.openApiMetadata)).json();
  const counts: Record<string, number> = {};
  let deletesPaths = 0;
  for (const section of sections) {
    const spec = (await get(section.endpointUri)).json();
    for (const path of Object.keys(spec.paths)) {
      const m = /^\/ed-fi\/([A-Za-z]+)(\/deletes)?$/.exec(path);
      if (!m) continue;
      const response = await get(`${dir(root.urls.dataManagementApi)}${path.slice(1)}?limit=5&totalCount=true`, token);
      expect([path, response.status]).toEqual([path, 200]);
      if (m[2]) deletesPaths++;
      else counts[m[1]] = Number(response.headers.get("total-count"));
    }
  }
  return { root, counts, deletesPaths };
}

describe.each([
  ["5.3", "shared"],
  ["6.1", "year-specific"],
  ["7.3", "year-specific"],
  ["7.3", "shared"],
] as [ApiVersion, Mode][])("a client discovering ODS/API %s (%s) from its root", (apiVersion, mode) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ students: 20, apiVersion, mode, years: [2024, 2025] });
  });
  afterAll(() => sim.stop());

  test("finds and reads every catalog resource and its deletes path", async () => {
    const year = 2025;
    const rootUrl = mode === "year-specific" && sim.profile.contextBeforeData ? `${sim.url}/${year}/` : `${sim.url}/`;
    const { root, counts, deletesPaths } = await discoverAndRead(sim, rootUrl);
    expect(root.version).toBe(apiVersion);
    expect("apiMode" in root).toBe(apiVersion !== "7.3");
    const instance = sim.instance(year);
    const expected = Object.fromEntries(
      [...instance.stores.values()].map((store) => [store.entry.paths[sim.dataStandard], [...instance.current(store.entry.resource)].length]),
    );
    expect(counts).toEqual(expected);
    expect(deletesPaths).toBe(Object.keys(expected).length);
  });
});
