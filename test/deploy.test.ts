// The production path on GCP (deploy/): every deployment file parses, and its references agree with the
// project: the extractor's settings, dataform.json's vars, the compiled graph's tags, the job, repository
// and workflow names across files. The Dockerfile's bundle step is run for real (no Docker engine here).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseSettings, Settings } from "../extractor/config.js";
import { openLake } from "../extractor/lake/index.js";
import { startSimulator } from "../simulator/server.js";
import { compileProject } from "./support/dataform.js";
import { parseDockerfile, type Stage } from "./support/dockerfile.js";

const read = (path: string) => readFileSync(path, "utf8");
const json = (path: string) => JSON.parse(read(path));
const packageJson = json("package.json");
const dataformJson = json("dataform.json");
const releaseConfig = json("deploy/dataform/release-config.json");
const workflowConfig = json("deploy/dataform/workflow-config.json");
const job = parseYaml(read("deploy/cloud-run-job.yaml"));
const workflow = parseYaml(read("deploy/workflow.yaml"));
const scheduler = parseYaml(read("deploy/scheduler.yaml"));
const stages = parseDockerfile(read("deploy/Dockerfile"));

const container = job.spec.template.spec.template.spec.containers[0];
const env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] = container.env;
const envValue = (name: string) => env.find((e) => e.name === name)?.value;
/** projects/<project>/locations/<location>/repositories/<repository>/releaseConfigs/<id> */
const [, project, location, repository, releaseConfigId] = /^projects\/([^/]+)\/locations\/([^/]+)\/repositories\/([^/]+)\/releaseConfigs\/([^/]+)$/.exec(workflowConfig.releaseConfig) ?? [];
const workflowSteps: Record<string, any> = Object.assign({}, ...workflow.main.steps);
const initial: Record<string, string> = Object.assign({}, ...workflowSteps.init.assign);

describe("Dockerfile (deploy/Dockerfile)", () => {
  const [build, runtime] = stages;
  const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
  const bundleSteps = all(build, "RUN").filter((i) => i.exec?.some((arg) => arg.startsWith("esbuild@")));
  const bundleStep = bundleSteps.find((i) => i.exec!.includes("extractor/cli.ts"))!;

  test("two stages on node:20-slim; the runtime one runs as a non-root user", () => {
    expect(stages.map((s) => s.from)).toEqual(["node:20-slim", "node:20-slim"]);
    const user = all(runtime, "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user!.split(":")[0]);
  });

  test("the build stage installs production dependencies only, from the lock file", () => {
    const installs = all(build, "RUN").filter((i) => /\bnpm (ci|install|i)\b/.test(i.args));
    expect(installs.map((i) => i.args)).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
    expect(all(build, "COPY")[0].args).toBe("package.json package-lock.json ./");
  });

  test("the runtime stage holds only the bundles: no install, no node_modules, nothing from the build context", () => {
    const copies = all(runtime, "COPY");
    expect(copies.map((c) => c.args)).toEqual([`--from=${build.name} /app/dist/ ./`]);
    for (const step of bundleSteps) expect(step.exec!.find((arg) => arg.startsWith("--outfile="))).toMatch(/^--outfile=dist\//);
    expect(all(runtime, "RUN")).toEqual([]);
  });

  test("every file copied from the build context exists and is not docker-ignored", () => {
    const ignored = read(".dockerignore").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    const sources = all(build, "COPY").flatMap((c) => c.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(source)).toBe(true);
      expect(ignored).not.toContain(source);
    }
    for (const secret of ["node_modules", ".env", ".df-credentials.json", "lake", "*.duckdb"]) expect(ignored).toContain(secret);
  });

  test("the entry point runs the bundle with the Node flags of npm run extract, and the bundler is the pinned esbuild", () => {
    const [node, ...flags] = packageJson.scripts.extract.split(/\s+/);
    const entry = all(runtime, "ENTRYPOINT").at(-1)?.exec;
    expect(entry).toEqual([node, ...flags.slice(0, -1), "extract.mjs"]);
    expect(node).toBe("node");
    for (const step of bundleSteps) expect(step.exec).toContain(`esbuild@${packageJson.devDependencies.esbuild}`);
    expect(bundleStep.exec).toContain("extractor/cli.ts");
  });

  test("the bundle steps, run as written, yield an app that extracts into gs:// with no installed package and no dev dependency inside", async () => {
    // The image's /app: each step's dist/ output, as the runtime stage copies it.
    const app = mkdtempSync(join(tmpdir(), "app-"));
    const packages = new Set<string>();
    for (const [n, step] of bundleSteps.entries()) {
      const args = step.exec!.slice(step.exec!.findIndex((arg) => arg.startsWith("esbuild@")) + 1).map((arg) => arg.replace(/^--outfile=dist\//, `--outfile=${app}/`));
      const meta = join(app, `meta-${n}.json`);
      const bundled = spawnSync("node_modules/.bin/esbuild", [...args, `--metafile=${meta}`], { encoding: "utf8" });
      expect(bundled.stderr).toBe("");
      expect(bundled.status).toBe(0);
      for (const input of Object.keys(json(meta).inputs)) packages.add(/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? "(project)");
      rmSync(meta);
    }
    for (const used of ["@google-cloud/storage", "got", "yargs", "zod"]) expect(packages).toContain(used);
    for (const dev of Object.keys(packageJson.devDependencies)) expect(packages).not.toContain(dev);
    for (const engineOnly of ["@duckdb/node-api", "@dataform/cli", "@dataform/core"]) expect(packages).not.toContain(engineOnly);
    const entry = all(runtime, "ENTRYPOINT").at(-1)!.exec!;

    // Into gs://, as on Cloud Run: the bundled storage client against the GCS emulator of the test run.
    if (!process.env.STORAGE_EMULATOR_HOST) throw new Error(`GCS emulator not available: ${process.env.GCS_EMULATOR_ERROR ?? "STORAGE_EMULATOR_HOST unset"}`);
    const lake = `gs://lake-${randomBytes(4).toString("hex")}/district/lake`;
    const simulator = await startSimulator({ students: 20 });
    try {
      const settings = { EDFI_API_BASE_URL: simulator.url, EDFI_CLIENT_ID: "edfi-sim-key", EDFI_CLIENT_SECRET: "edfi-sim-secret", EDFI_SCHOOL_YEARS: "2025", LAKE_URI: lake };
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const environment = { PATH: process.env.PATH, STORAGE_EMULATOR_HOST: process.env.STORAGE_EMULATOR_HOST, ...settings };
        const child = spawn(process.execPath, entry.slice(1), { cwd: app, env: environment });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.resume();
        child.on("exit", (code) => resolve({ code, stderr }));
      });
      expect(run.stderr).toMatch(/Run \S+ succeeded/);
      expect(run.code).toBe(0);
      expect(await openLake(lake).list("_commits/school_year=2025/")).toHaveLength(1);
    } finally {
      await simulator.stop();
    }
  }, 120_000);
});

describe("Cloud Run job (deploy/cloud-run-job.yaml)", () => {
  test("is a Cloud Run job running the image built from deploy/Dockerfile in the workflow's project and region", () => {
    expect(job).toMatchObject({ apiVersion: "run.googleapis.com/v1", kind: "Job", metadata: { name: initial.extractJob } });
    expect(job.metadata.labels["cloud.googleapis.com/location"]).toBe(location);
    expect(container.image).toMatch(new RegExp(`^${location}-docker\\.pkg\\.dev/${project}/`));
    expect(container.command ?? container.args).toBeUndefined(); // the image's ENTRYPOINT runs
  });

  test("sets only the extractor's settings, every one documented in .env-sample, and they validate", () => {
    const documented = [...read(".env-sample").matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    for (const { name } of env) {
      expect(Object.keys(Settings.shape)).toContain(name);
      expect(documented).toContain(name);
    }
    const values = Object.fromEntries(env.map((e) => [e.name, e.value ?? "from-secret-manager"]));
    expect(() => parseSettings(values)).not.toThrow();
  });

  test("the client secret comes from Secret Manager; no secret-like setting has an inline value", () => {
    expect(env.find((e) => e.name === "EDFI_CLIENT_SECRET")?.valueFrom?.secretKeyRef).toEqual({ name: expect.any(String), key: expect.any(String) });
    for (const e of env.filter((e) => /SECRET|PASSWORD|TOKEN|PRIVATE/.test(e.name))) expect(e.value).toBeUndefined();
  });

  test("writes the lake the Dataform release config reads", () => {
    expect(envValue("LAKE_URI")).toMatch(/^gs:\/\//);
    expect(envValue("LAKE_URI")).toBe(releaseConfig.codeCompilationConfig.vars.lakeUri);
    expect(envValue("EDFI_SCHOOL_YEARS")).toBe(releaseConfig.codeCompilationConfig.vars.schoolYears);
  });
});

describe("Dataform release and workflow configurations (deploy/dataform/)", () => {
  const vars = releaseConfig.codeCompilationConfig.vars;
  const compiled = compileProject(
    `--default-database=${releaseConfig.codeCompilationConfig.defaultDatabase}`,
    `--default-location=${releaseConfig.codeCompilationConfig.defaultLocation}`,
    "--timeout=10m", // the CLI's own 60 s is short on a busy machine
    `--vars=${Object.entries(vars).filter(([, value]) => value !== "").map(([name, value]) => `${name}=${value}`).join(",")}`,
  );
  const actions: { target: { schema: string; name: string }; tags?: string[]; dependencyTargets?: { schema: string; name: string }[] }[] = [
    ...compiled.tables,
    ...compiled.operations,
    ...compiled.assertions,
  ];
  const key = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

  test("the release config compiles this repository for BigQuery with every var of dataform.json, and no other", () => {
    expect(Object.keys(vars).sort()).toEqual(Object.keys(dataformJson.vars).sort());
    expect(vars.engine).toBe("bigquery");
    expect(vars.lakeUri).toMatch(/^gs:\/\/[^,=]+$/);
    expect(releaseConfig.codeCompilationConfig.defaultDatabase).toBe(project);
    expect(releaseConfig.gitCommitish).toBeTruthy();
    expect(compiled.graphErrors?.compilationErrors ?? []).toEqual([]);
    expect(actions.length).toBeGreaterThan(100);
  });

  test("the workflow config's tags exist and, with their dependencies, select every action of the graph", () => {
    const { includedTags, transitiveDependenciesIncluded } = workflowConfig.invocationConfig;
    const tags = new Set(actions.flatMap((a) => a.tags ?? []));
    for (const tag of includedTags) expect(tags).toContain(tag);
    expect(transitiveDependenciesIncluded).toBe(true);
    const byName = new Map(actions.map((a) => [key(a.target), a]));
    const selected = new Set<string>();
    const visit = (name: string) => {
      if (selected.has(name) || !byName.has(name)) return;
      selected.add(name);
      for (const dependency of byName.get(name)!.dependencyTargets ?? []) visit(key(dependency));
    };
    for (const action of actions) if (action.tags?.some((t) => includedTags.includes(t))) visit(key(action.target));
    expect(actions.map((a) => key(a.target)).filter((name) => !selected.has(name))).toEqual([]);
  });

  test("after a successful invocation the workflow logs every view tagged warnings (WARNING) or report (INFO), as npm run transform prints them", () => {
    const severity: Record<string, string> = { warnings: "WARNING", report: "INFO" };
    const tagged = compiled.tables.flatMap((t: { target: { schema: string; name: string }; tags?: string[] }) =>
      (t.tags ?? []).filter((tag) => severity[tag]).map((tag) => ({ relation: key(t.target), severity: severity[tag] })),
    );
    const byRelation = (a: { relation: string }, b: { relation: string }) => a.relation.localeCompare(b.relation);
    expect(tagged.length).toBeGreaterThanOrEqual(3);
    expect([...(initial.notices as unknown as { relation: string }[])].sort(byRelation)).toEqual([...tagged].sort(byRelation));
    expect(workflowSteps.checkInvocation.switch.find((c: { condition: string }) => c.condition.includes("SUCCEEDED")).next).toBe("logNotices");
    expect(workflowSteps.logNotices.for.in).toBe("${notices}");
    expect(workflowSteps.readReleaseConfig.args.url).toBe("${dataform + config.body.releaseConfig}");
  });
});

describe("Cloud Workflows definition (deploy/workflow.yaml) and its schedule (deploy/scheduler.yaml)", () => {
  test("runs the Cloud Run job of deploy/cloud-run-job.yaml and waits for it", () => {
    expect(workflowSteps.extract.call).toBe("googleapis.run.v2.projects.locations.jobs.run");
    expect(initial.extractJob).toBe(job.metadata.name);
  });

  test("invokes the repository and workflow config of deploy/dataform/ through the Dataform API", () => {
    expect(initial.repository).toContain(`/repositories/${repository}"`);
    expect(initial.workflowConfig).toMatch(/\/workflowConfigs\/production"\}$/);
    expect(releaseConfigId).toBe("production");
    expect(workflowSteps.compile.args.body).toEqual({ releaseConfig: "${config.body.releaseConfig}" });
    expect(workflowSteps.invoke.args.body.invocationConfig).toBe("${config.body.invocationConfig}");
    for (const step of Object.values(workflowSteps).filter((s) => String(s.call).startsWith("http."))) expect(step.args.auth).toEqual({ type: "OAuth2" });
  });

  test("every jump lands on a step, and a failed compilation or invocation raises", () => {
    const targets = Object.values(workflowSteps).flatMap((s) => [s.next, ...(s.switch ?? []).map((c: { next?: string }) => c.next)]).filter(Boolean);
    for (const target of targets) expect(Object.keys(workflowSteps)).toContain(target);
    expect(workflowSteps.checkCompilation.switch[0].raise).toBeDefined();
    expect(workflowSteps.failed.raise).toBeDefined();
    expect(workflowSteps.checkInvocation.next).toBe("failed");
  });

  test("the scheduler starts the workflow deployed under the name the docs give, in the same project and region", () => {
    const name = /gcloud workflows deploy (\S+)/.exec(read("deploy/workflow.yaml"))?.[1];
    expect(scheduler.httpTarget.uri).toBe(`https://workflowexecutions.googleapis.com/v1/projects/${project}/locations/${location}/workflows/${name}/executions`);
    expect(scheduler.httpTarget.oauthToken.serviceAccountEmail).toMatch(new RegExp(`@${project}\\.iam\\.gserviceaccount\\.com$`));
  });
});

test("no deployment file holds a secret, and the Dataform credentials file is git-ignored", () => {
  const files = ["deploy/Dockerfile", "deploy/cloud-run-job.yaml", "deploy/workflow.yaml", "deploy/scheduler.yaml", "deploy/dataform/release-config.json", "deploy/dataform/workflow-config.json"];
  const sampleSecret = /^EDFI_CLIENT_SECRET=(.*)$/m.exec(read(".env-sample"))![1];
  for (const file of files) {
    const text = read(file);
    expect(text).not.toContain(sampleSecret);
    expect(text).not.toContain("edfi-sim-secret");
    expect(text).not.toMatch(/private_key|BEGIN [A-Z ]*PRIVATE KEY/);
  }
  expect(spawnSync("git", ["check-ignore", "-q", ".df-credentials.json"]).status).toBe(0);
});

test("the README's deployment commands name the same job, image, secret, configurations, workflow and region as the files", () => {
  const readme = read("README.md");
  const commands = readme.split("\n").map((line) => line.trim()).filter((line) => /^(gcloud|docker|curl) /.test(line));
  const one = (pattern: RegExp) => {
    const values = [...new Set(commands.flatMap((c) => [...c.matchAll(new RegExp(pattern, "g"))].map((m) => m[1])))];
    expect(values).toHaveLength(1);
    return values[0];
  };
  const workflowName = /\/workflows\/([^/]+)\/executions$/.exec(scheduler.httpTarget.uri)![1];
  expect(one(/gcloud run jobs execute (\S+)/)).toBe(job.metadata.name);
  expect(one(/gcloud workflows (?:deploy|run) (\S+)/)).toBe(workflowName);
  expect(one(/gcloud scheduler jobs create http (\S+)/)).toBe(scheduler.name.split("/").at(-1));
  expect(one(/docker (?:build|push) .*?(\S+:\S+)(?: \.)?$/)).toBe(container.image);
  expect(one(/gcloud secrets create (\S+)/)).toBe(env.find((e) => e.name === "EDFI_CLIENT_SECRET")!.valueFrom!.secretKeyRef!.name);
  expect(one(/--(?:region|location) (\S+)/)).toBe(location);
  expect(one(/--schedule "([^"]+)"/)).toBe(scheduler.schedule);
  expect(one(/--time-zone (\S+)/)).toBe(scheduler.timeZone);
  expect(one(/--uri (\S+)/)).toBe(scheduler.httpTarget.uri);
  const base = `https://dataform.googleapis.com/v1/projects/${project}/locations/${location}/repositories/${repository}`;
  expect(commands).toContainEqual(expect.stringContaining(`@deploy/dataform/release-config.json "${base}/releaseConfigs?releaseConfigId=${releaseConfigId}"`));
  expect(commands).toContainEqual(expect.stringContaining(`@deploy/dataform/workflow-config.json "${base}/workflowConfigs?workflowConfigId=${/workflowConfigs\/(\w+)/.exec(initial.workflowConfig)![1]}"`));
});
