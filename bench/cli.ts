// `npm run bench -- [suite…]`: benchmarks that print figures measured side by side in one run and
// write them to bench/results/<suite>.json. Suites: simulator.
import { mkdirSync, writeFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { simulatorBenchmark } from "./simulator.js";

const argv = await yargs(hideBin(process.argv))
  .scriptName("npm run bench --")
  .command("$0 [suites..]", "run benchmark suites", (y) =>
    y.positional("suites", { type: "string", array: true, choices: ["simulator"], default: ["simulator"] }),
  )
  .option("students", { type: "number", default: 100000, describe: "District size" })
  .option("seconds", { type: "number", default: 10, describe: "Measuring time per concurrency level" })
  .option("latency-ms", { type: "number", default: 0, describe: "Simulated per-request latency" })
  .option("concurrency", { type: "string", default: "1,4,16", describe: "Concurrent clients, comma-separated" })
  .strict()
  .version(false)
  .help()
  .parseAsync();

mkdirSync("bench/results", { recursive: true });
for (const suite of argv.suites as string[]) {
  if (suite === "simulator") {
    const result = await simulatorBenchmark({
      students: argv.students,
      seconds: argv.seconds,
      latencyMs: argv["latency-ms"],
      concurrencies: argv.concurrency.split(",").map(Number),
    });
    console.log(`simulator: ${result.students} students, latency ${result.latencyMs} ms`);
    console.log(`  start-up ${result.startup.ms.toFixed(0)} ms, RSS ${result.startup.rssMb.toFixed(0)} MB after start, peak ${result.afterLoad.peakMb.toFixed(0)} MB under load`);
    console.log(`  records served: ${result.resources.map((r) => `${r.path} ${r.total}`).join(", ")}`);
    console.table(result.rates.map((r) => ({ concurrency: r.concurrency, "records/s": Math.round(r.recordsPerSecond), requests: r.requests, seconds: r.seconds.toFixed(1) })));
    writeFileSync("bench/results/simulator.json", JSON.stringify(result, null, 2) + "\n");
  }
}
