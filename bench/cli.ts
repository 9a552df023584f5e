// `npm run bench -- [suite…]`: benchmarks that print figures measured side by side in one run and
// write them to bench/results/<suite>.json. Suites: simulator (raw serving rate), extractor (efficiency
// against that rate, speed-up over a sequential client, peak RSS; bench/extractor.ts), transform
// (staging build vs a plain scan, incremental vs full build, peak RSS; bench/transform.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { extractorBenchmark, printExtractorResult } from "./extractor.js";
import { simulatorBenchmark } from "./simulator.js";
import { printTransformResult, transformBenchmark } from "./transform.js";

const argv = await yargs(hideBin(process.argv))
  .scriptName("npm run bench --")
  .command("$0 [suites..]", "run benchmark suites", (y) =>
    y.positional("suites", { type: "string", array: true, choices: ["simulator", "extractor", "transform"], default: ["simulator"] }),
  )
  .option("students", { type: "number", default: 100000, describe: "District size" })
  .option("small-students", { type: "number", default: 10000, describe: "extractor: district size of the memory baseline" })
  .option("seconds", { type: "number", default: 10, describe: "Measuring time per concurrency level (of the raw serving rate)" })
  .option("latency-ms", { type: "number", describe: "Simulated per-request latency (default: simulator 0, extractor 20)" })
  .option("concurrency", { type: "string", describe: "Concurrent clients, comma-separated (default: simulator 1,4,16; extractor 16, the highest level given)" })
  .option("mutation", { type: "number", default: 0.01, describe: "transform: share of records changed before the incremental build" })
  .option("rounds", { type: "number", default: 3, describe: "extractor: extracts of the big district, each between two raw serving-rate measurements" })
  .option("resources", { type: "string", default: "studentSectionAssociations", describe: "extractor: API paths to extract, comma-separated" })
  .strict()
  .version(false)
  .help()
  .parseAsync();

const levels = (fallback: string) => (argv.concurrency ?? fallback).split(",").map(Number);

mkdirSync("bench/results", { recursive: true });
for (const suite of argv.suites as string[]) {
  if (suite === "simulator") {
    const result = await simulatorBenchmark({
      students: argv.students,
      seconds: argv.seconds,
      latencyMs: argv["latency-ms"] ?? 0,
      concurrencies: levels("1,4,16"),
    });
    console.log(`simulator: ${result.students} students, latency ${result.latencyMs} ms`);
    console.log(`  start-up ${result.startup.ms.toFixed(0)} ms, RSS ${result.startup.rssMb.toFixed(0)} MB after start, peak ${result.afterLoad.peakMb.toFixed(0)} MB under load`);
    console.log(`  records served: ${result.resources.map((r) => `${r.path} ${r.total}`).join(", ")}`);
    console.table(result.rates.map((r) => ({ concurrency: r.concurrency, "records/s": Math.round(r.recordsPerSecond), requests: r.requests, seconds: r.seconds.toFixed(1) })));
    writeFileSync("bench/results/simulator.json", JSON.stringify(result, null, 2) + "\n");
  }
  if (suite === "extractor") {
    const result = await extractorBenchmark({
      students: argv.students,
      smallStudents: argv["small-students"],
      seconds: argv.seconds,
      latencyMs: argv["latency-ms"] ?? 20,
      concurrency: Math.max(...levels("16")),
      rounds: argv.rounds,
      resources: argv.resources.split(",").map((s) => s.trim()).filter(Boolean),
    });
    printExtractorResult(result);
    writeFileSync("bench/results/extractor.json", JSON.stringify(result, null, 2) + "\n");
  }
  if (suite === "transform") {
    const result = await transformBenchmark({ students: argv.students, mutation: argv.mutation });
    printTransformResult(result);
    writeFileSync("bench/results/transform.json", JSON.stringify(result, null, 2) + "\n");
  }
}
