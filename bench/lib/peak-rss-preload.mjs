/**
 * Loaded with `node --import` into each child the whole-process bench starts (the CLI and the bare process
 * alike): at exit it writes the process's peak RSS (`resourceUsage().maxRSS`, KiB) to the file named by
 * WC_BENCH_RSS_FILE. /usr/bin/time may not exist; this needs nothing but Node.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.WC_BENCH_RSS_FILE;
if (file !== undefined) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
