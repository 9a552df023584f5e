// Preloaded into a benchmarked child process (`--import ./bench/peak-rss.mjs`, plain JavaScript so that
// it adds no TypeScript loader to a process that runs without one): when the process exits it writes
// its resource usage to the file named by BENCH_PEAK_RSS_FILE, as JSON: peak resident set size in KiB
// (getrusage maxrss, what `/usr/bin/time -v` reports) and CPU seconds (user + system, every thread).
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
