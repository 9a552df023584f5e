// Preloaded into a benchmarked child process (`--import ./bench/peak-rss.mjs`, plain JavaScript so that
// it adds no TypeScript loader to a process that runs without one): when the process exits it
// writes its peak resident set size in KiB (getrusage maxrss, what `/usr/bin/time -v` reports) to the
// file named by BENCH_PEAK_RSS_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
