// `npm run extract` as a user runs it: the real CLI in its own process (stdout is not a TTY, so progress
// is JSON lines) against an in-process simulator, checked by exit code, output and what is in the lake.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { openLake } from "../extractor/lake/index.js";
import { manifestPath, STATE_PATH, type Manifest, type State } from "../extractor/state.js";
import { TokenIssuer } from "../simulator/auth.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "../simulator/server.js";
import { settingsFor, tempLake } from "./support/extract.js";
import { yearWatermark } from "./support/lake.js";
import { envOf, events, fileText, filesBelow, runCli } from "./support/extract-cli.js";

async function withSimulator(options: Partial<SimulatorOptions>, run: (sim: Simulator) => Promise<void>): Promise<void> {
  const sim = await startSimulator({ students: 20, ...options });
  try {
    await run(sim);
  } finally {
    await sim.stop();
  }
}

const runIdOf = (stdout: string) => events(stdout).find((e) => e.event === "begin")?.runId as string;

describe("npm run extract: input errors exit 2 with a message that says what to fix", () => {
  test("bad settings: one message naming every bad field, never the secret", async () => {
    const secret = "hush-0b5e44-XYZ";
    const result = await runCli([], { EDFI_API_BASE_URL: "api.district.org", EDFI_CLIENT_SECRET: secret, EDFI_SCHOOL_YEARS: "20x5", EXTRACT_CONCURRENCY: "0", LAKE_URI: tempLake() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.match(/Invalid settings/g)).toHaveLength(1);
    for (const field of ["EDFI_API_BASE_URL", "EDFI_CLIENT_ID", "EDFI_SCHOOL_YEARS", "EXTRACT_CONCURRENCY"]) expect(result.stderr).toMatch(new RegExp(`^ +${field}: `, "m"));
    expect(result.stderr).toContain('"20x5"');
    expect(result.stderr).not.toContain(secret);
  });

  test("an unknown resource is named, with the valid ones", () =>
    withSimulator({}, async (sim) => {
      const result = await runCli(["--resources", "students,nope"], envOf(settingsFor(sim, tempLake())));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Unknown resource\(s\).*: nope\. Valid: .*\bstudents\b/);
    }));

  test("two years against a shared API", () =>
    withSimulator({ years: [2024, 2025] }, async (sim) => {
      const result = await runCli(["--years", "2024,2025"], envOf(settingsFor(sim, tempLake())));
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(/^The API at \S+ is a shared instance: set EDFI_SCHOOL_YEARS to the one school year that labels it \(got 2024,2025\)$/);
    }));

  test("a year a YearSpecific API does not serve", () =>
    withSimulator({ mode: "year-specific", years: [2024, 2025] }, async (sim) => {
      const result = await runCli(["--years", "2023"], envOf(settingsFor(sim, tempLake())));
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(/^The API has no school year 2023 \(GET \S+\/2023\/\S+: HTTP 404\); of the years within 10 of it, it serves 2024, 2025; set EDFI_SCHOOL_YEARS/);
    }));
});

describe("npm run extract: run-time failures", () => {
  test("an API base URL whose host does not resolve fails at once; a refused connection is retried as every request is, each retry shown", async () => {
    const settings = { EDFI_CLIENT_ID: "id", EDFI_CLIENT_SECRET: "secret", EDFI_SCHOOL_YEARS: "2025", LAKE_URI: tempLake(), EXTRACT_MAX_RETRIES: "2" };
    const unknown = await runCli([], { ...settings, EDFI_API_BASE_URL: "http://ods.district.invalid:8765" });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe("extract failed: Cannot read the Ed-Fi API root document at http://ods.district.invalid:8765/: getaddrinfo ENOTFOUND ods.district.invalid");
    expect(events(unknown.stdout)).toEqual([]);
    const refused = await runCli([], { ...settings, EDFI_API_BASE_URL: "http://127.0.0.1:1" });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe("extract failed: Cannot read the Ed-Fi API root document at http://127.0.0.1:1/: connect ECONNREFUSED 127.0.0.1:1 (after 3 attempts)");
    expect(events(refused.stdout).map(({ event, what, attempt }) => ({ event, what, attempt }))).toEqual([1, 2].map((attempt) => ({ event: "retry", what: "the API root document", attempt })));
  });

  test("an API base URL that does not serve the root document: its HTTP status, or that the answer is not JSON", async () => {
    const settings = { EDFI_CLIENT_ID: "id", EDFI_CLIENT_SECRET: "secret", EDFI_SCHOOL_YEARS: "2025", LAKE_URI: tempLake() };
    await withSimulator({}, async (sim) => {
      const missing = await runCli([], { ...settings, EDFI_API_BASE_URL: `${sim.url}/api` });
      expect(missing.code).toBe(1);
      expect(missing.stderr.trim()).toBe(`extract failed: Cannot read the Ed-Fi API root document at ${sim.url}/api/: HTTP 404 Not Found`);
    });
    // A sign-in page where the API was expected, as a portal or a wrong host name gives.
    const portal = createServer((_request, response) => response.writeHead(200, { "Content-Type": "text/html" }).end("<html>Sign in</html>"));
    await new Promise<void>((listening) => portal.listen(0, "127.0.0.1", listening));
    try {
      const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
      const html = await runCli([], { ...settings, EDFI_API_BASE_URL: url });
      expect(html.code).toBe(1);
      expect(html.stderr.trim()).toMatch(new RegExp(`^extract failed: Cannot read the Ed-Fi API root document at ${url}/: not JSON \\(Unexpected token .*\\)$`));
    } finally {
      await new Promise((closed) => portal.close(closed));
    }
  });

  test("wrong credentials: one line naming the token URL, no token issued, no retry storm", () =>
    withSimulator({}, async (sim) => {
      const result = await runCli([], envOf(settingsFor(sim, tempLake(), { EDFI_CLIENT_SECRET: "not-the-secret" })));
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(`Authentication failed at ${sim.url}/oauth/token`)]);
      expect(result.stderr).toMatch(/check EDFI_CLIENT_ID \/ EDFI_CLIENT_SECRET/);
      expect(result.stdout + result.stderr).not.toContain("not-the-secret");
      const { tokensIssued, byRoute } = sim.stats();
      expect(tokensIssued).toBe(0);
      const tokenRequests = Object.values(byRoute["POST oauth/token"] ?? {}).reduce((sum, n) => sum + n, 0);
      expect(tokenRequests).toBeGreaterThanOrEqual(1);
      expect(tokenRequests).toBeLessThanOrEqual(3);
    }));

  test("malformed JSON: names resource, year and page; commits nothing; the failing writer leaves no part", () =>
    withSimulator({ students: 40, faults: "malformed=students" }, async (sim) => {
      const lakeUri = tempLake();
      const result = await runCli(["--resources", "schools,students,studentSchoolAssociations"], envOf(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "10" })));
      expect(sim.stats().faults.malformed).toBeGreaterThan(0);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/GET students 2025 (offset \d+|partition \d+ page \d+): the API sent malformed JSON/)]);
      const lake = openLake(lakeUri);
      expect((await lake.readJson<State>(STATE_PATH))?.years["2025"]).toBeUndefined();
      const runId = runIdOf(result.stdout);
      expect(await lake.readJson<Manifest>(manifestPath(runId))).toMatchObject({ status: "failed", years: [] });
      // Parts of other resources may exist: uncommitted, and ignored downstream since the run failed.
      expect(filesBelow(lakeUri).filter((path) => path.startsWith("edfi/students/") && path.includes(runId))).toEqual([]);
    }));

  test("resources the client's claim set does not cover: every one is named at once, by a dry run too; commits nothing", () =>
    withSimulator({ faults: "forbidden=studentAssessments+assessments" }, async (sim) => {
      const lakeUri = tempLake();
      const refusal = [expect.stringContaining("The API refuses this client 2 resource(s) of school year 2025 (HTTP 403): assessments, studentAssessments. Ask the API's administrator")];
      const dryRun = await runCli(["--dry-run"], envOf(settingsFor(sim, lakeUri)));
      expect(dryRun.code).toBe(1);
      expect(dryRun.stderr.trim().split("\n")).toEqual(refusal);
      expect(filesBelow(lakeUri)).toEqual([]);
      const result = await runCli([], envOf(settingsFor(sim, lakeUri)));
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual(refusal);
      const lake = openLake(lakeUri);
      expect((await lake.readJson<State>(STATE_PATH))?.years["2025"]).toBeUndefined();
      expect(await lake.readJson<Manifest>(manifestPath(runIdOf(result.stdout)))).toMatchObject({ status: "failed", years: [] });
      expect(filesBelow(lakeUri).filter((path) => path.startsWith("_commits/"))).toEqual([]);
    }));

  test("resources whose changes the claim set does not cover: named at once by a dry run and by the incremental run that needs them, which commits nothing", () =>
    withSimulator({ faults: "forbiddenChanges=studentSchoolAttendanceEvents+grades" }, async (sim) => {
      const lakeUri = tempLake();
      const refusal = [
        "extract failed: The API lets this client read the records of 2 resource(s) of school year 2025 but refuses their changes (/deletes and /keyChanges, HTTP 403): studentSchoolAttendanceEvents, grades. " +
          "Ask the API's administrator to let the client's claim set read their changes too: incremental runs read them to remove what the district deleted.",
      ];
      const dryRun = await runCli(["--dry-run"], envOf(settingsFor(sim, lakeUri)));
      expect(dryRun.code).toBe(1);
      expect(dryRun.stderr.trim().split("\n")).toEqual(refusal);
      // A first run, a full snapshot, reads no changes.
      expect((await runCli([], envOf(settingsFor(sim, lakeUri)))).code).toBe(0);
      const lake = openLake(lakeUri);
      const watermark = yearWatermark(await lake.readJson<State>(STATE_PATH), 2025);
      expect(watermark).toEqual(expect.any(Number));
      sim.mutate(0.05);
      const result = await runCli([], envOf(settingsFor(sim, lakeUri)));
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual(refusal);
      expect(yearWatermark(await lake.readJson<State>(STATE_PATH), 2025)).toBe(watermark);
      expect(await lake.readJson<Manifest>(manifestPath(runIdOf(result.stdout)))).toMatchObject({ status: "failed", years: [] });
    }));
});

test("no secret or bearer token reaches the output, the manifest, the state or any lake file, even with retries and token refreshes", async () => {
  // Every token the simulator grants, read from its token issuer as it grants them.
  const issued = new Set<string>();
  const handleTokenRequest = TokenIssuer.prototype.handleTokenRequest;
  TokenIssuer.prototype.handleTokenRequest = async function (this: TokenIssuer, ...args) {
    await handleTokenRequest.apply(this, args);
    for (const token of (this as unknown as { grants: Map<string, unknown> }).grants.keys()) issued.add(token);
  };
  const secret = "s3cr3t-7d41c9e2-XYZ";
  try {
    await withSimulator({ clientSecret: secret, faults: "5xx=0.05,429=0.02,retryAfter=0,revoke=60" }, async (sim) => {
      const lakeUri = tempLake();
      const result = await runCli([], envOf(settingsFor(sim, lakeUri, { EXTRACT_PAGE_SIZE: "25" })));
      expect(result.code).toBe(0);
      expect(events(result.stdout).filter((e) => e.event === "retry").length).toBeGreaterThan(0);
      expect(sim.stats().faults.revoke).toBeGreaterThan(0);
      expect(issued.size).toBe(sim.stats().tokensIssued);
      expect(issued.size).toBeGreaterThan(1);

      const files = filesBelow(lakeUri);
      expect(files).toEqual(expect.arrayContaining([STATE_PATH, manifestPath(runIdOf(result.stdout)), expect.stringMatching(/^edfi\/students\//)]));
      const places: [string, string][] = [["stdout", result.stdout], ["stderr", result.stderr], ...files.map((path): [string, string] => [path, fileText(lakeUri, path)])];
      const hidden = [secret, Buffer.from(`${sim.options.clientId}:${secret}`).toString("base64"), ...issued];
      const leaks = places.flatMap(([place, text]) => hidden.filter((value) => text.includes(value)).map((value) => `${place} holds ${value === secret ? "the secret" : "a credential"}`));
      expect(leaks).toEqual([]);
    });
  } finally {
    TokenIssuer.prototype.handleTokenRequest = handleTokenRequest;
  }
});

test("status shows the watermarks and the runs; --dry-run prints the plan and writes nothing", () =>
  withSimulator({}, async (sim) => {
    const lakeUri = tempLake();
    const env = envOf(settingsFor(sim, lakeUri));
    const runIds: string[] = [];
    // Students alone, then every resource, then, after a change, students alone again: they stand ahead.
    for (const args of [["--resources", "students"], [], ["--resources", "students"]]) {
      if (runIds.length === 2) sim.mutate(0.05);
      const result = await runCli(args, env);
      expect(result.code).toBe(0);
      runIds.push(runIdOf(result.stdout));
    }
    const resources = (await openLake(lakeUri).readJson<State>(STATE_PATH))!.years["2025"].resources;
    const { watermark } = resources.student_school_associations;
    const ahead = resources.students.watermark;
    expect(ahead).toBeGreaterThan(watermark!);

    const status = await runCli(["status"], { LAKE_URI: lakeUri });
    expect(status.code).toBe(0);
    const count = Object.keys(resources).length;
    expect(status.stdout).toMatch(new RegExp(`'2025'\\s*│\\s*${watermark}\\s*│\\s*'${count - 1} at ${watermark}, 1 at ${ahead}'\\s*│`));
    for (const runId of runIds) expect(status.stdout).toMatch(new RegExp(`'${runId}'\\s*│\\s*'succeeded'`));

    const before = filesBelow(lakeUri);
    const incremental = await runCli(["--dry-run"], env);
    expect(incremental.code).toBe(0);
    expect(events(incremental.stdout).filter((e) => e.event === "plan")).toEqual([expect.objectContaining({ year: 2025, full: false, from: watermark! + 1, resourcesInFull: 0 })]);
    expect(filesBelow(lakeUri)).toEqual(before);

    const fresh = join(tempLake(), "lake");
    const full = await runCli(["--dry-run"], envOf(settingsFor(sim, fresh)));
    expect(full.code).toBe(0);
    expect(events(full.stdout).filter((e) => e.event === "plan")).toEqual([expect.objectContaining({ year: 2025, full: true, from: null })]);
    expect(filesBelow(fresh)).toEqual([]);
  }));
