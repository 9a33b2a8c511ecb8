// Shared by the benchmarks: wall time of a command over repeated, interleaved runs.
import { spawnSync } from 'node:child_process';

export function timeCommand(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !options.allowFailure) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 300)}`);
  return elapsed;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Every run's wall time per candidate, the candidates alternated run by run so a load spike hurts them all alike. */
export function compareSamples(candidates, runs = 15) {
  const samples = candidates.map(() => []);
  for (let i = 0; i < runs; i++) {
    candidates.forEach((c, j) => samples[j].push(timeCommand(c.command, c.args, c.options)));
  }
  return samples;
}

/** The median wall time per candidate (see compareSamples). */
export function compare(candidates, runs = 15) {
  return compareSamples(candidates, runs).map(median);
}

/** A small seeded PRNG (mulberry32), so generated bench data is the same on every run. */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
