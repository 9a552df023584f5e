// `npm run simulator -- --port 8765 --students 1000 --seed 1 …`: serve a synthetic district until
// SIGINT/SIGTERM. Prints one line with the base URL when ready.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { API_VERSIONS, type ApiVersion } from "./profile.js";
import { DEFAULT_OPTIONS, startSimulator, type Mode } from "./server.js";

const d = DEFAULT_OPTIONS;
const argv = await yargs(hideBin(process.argv))
  .scriptName("npm run simulator --")
  .usage("$0 [options]\n\nServe a deterministic synthetic Ed-Fi district over HTTP, behaving like a real ODS/API.")
  .option("host", { type: "string", default: d.host, describe: "Interface to listen on" })
  .option("port", { type: "number", default: 8765, describe: "Port (0 picks a free one)" })
  .option("students", { type: "number", default: d.students, describe: "District size in students" })
  .option("seed", { type: "number", default: d.seed, describe: "Seed: same seed and options give byte-identical responses" })
  .option("years", { type: "string", default: d.years.join(","), describe: "School years served, e.g. 2024,2025 (2025 = 2024-25)" })
  .option("mode", { choices: ["shared", "year-specific"] as const, default: d.mode, describe: "One shared ODS, or one ODS per school year behind year routes" })
  .option("api-version", { type: "string", choices: API_VERSIONS, default: d.apiVersion as ApiVersion, describe: "ODS/API version profile (routes, paging, shapes, quirks)" })
  .option("data-standard", { choices: [4, 5] as const, describe: "Ed-Fi data standard (default: 5 on 7.3, 4 before)" })
  .option("client-id", { type: "string", default: d.clientId, describe: "OAuth client id accepted" })
  .option("client-secret", { type: "string", default: d.clientSecret, describe: "OAuth client secret accepted" })
  .option("latency-ms", { type: "number", default: d.latencyMs, describe: "Added latency per data request" })
  .option("token-ttl", { type: "number", default: d.tokenTtl, describe: "Bearer token lifetime in seconds" })
  .option("faults", { type: "string", describe: "Fault spec, e.g. 5xx=0.05,429=0.02,reset=0.01,revoke=500,writes=0.1,malformed=students,forbidden=assessments+grades,forbiddenChanges=grades" })
  .option("snapshots", { type: "boolean", default: d.snapshots, describe: "Keep change-query snapshots (--no-snapshots: none)" })
  .option("change-queries", { type: "boolean", default: d.changeQueries, describe: "Serve change queries (--no-change-queries: none, as an ODS with them turned off)" })
  .strict()
  .version(false)
  .help()
  .parseAsync();

const years = argv.years.split(",").map((y) => Number(y.trim()));
if (years.some((y) => !Number.isInteger(y) || y < 1990 || y > 2100)) {
  console.error(`--years must be a comma-separated list of school years like 2024,2025 (got "${argv.years}")`);
  process.exit(2);
}

try {
  const started = Date.now();
  const simulator = await startSimulator({
    host: argv.host,
    port: argv.port,
    students: argv.students,
    seed: argv.seed,
    years,
    mode: argv.mode as Mode,
    apiVersion: argv["api-version"] as ApiVersion,
    dataStandard: argv["data-standard"],
    clientId: argv["client-id"],
    clientSecret: argv["client-secret"],
    latencyMs: argv["latency-ms"],
    tokenTtl: argv["token-ttl"],
    faults: argv.faults,
    snapshots: argv.snapshots,
    changeQueries: argv["change-queries"],
  });
  console.log(
    `Ed-Fi API simulator (ODS/API ${simulator.profile.version}, DS ${simulator.dataStandard}, ${argv.mode}, ${argv.students} students, years ${years.join(",")}) ready in ${Date.now() - started} ms at ${simulator.url}`,
  );
  const stop = () => {
    simulator.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`simulator: ${(error as Error).message}`);
  process.exit(2);
}
