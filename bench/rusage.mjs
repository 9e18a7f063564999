// Loaded with `node --import` into a child process that a benchmark measures:
// when the child exits, it writes process.resourceUsage() to the file named by
// TANDEM_BENCH_RUSAGE. maxRSS there is the peak resident set size of the whole
// process, every thread included (KiB); userCPUTime and systemCPUTime are in µs.
import fs from 'node:fs';

const file = process.env.TANDEM_BENCH_RUSAGE;
if (file) process.on('exit', () => fs.writeFileSync(file, JSON.stringify(process.resourceUsage())));
