// Loaded with `node --import` by the benchmarks: on exit, append this process's CPU time (user +
// system, ms) to the file named in BENCH_CPU_FILE. CPU time holds steady when other work shares
// the machine, where wall time does not.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `${(user + system) / 1000}\n`);
  });
}
