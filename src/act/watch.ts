import type { LogFollower } from './log-follow.js';
import { judgeRecovery, type HealthResult, type Judgement, type RecoveryTarget, type WatchSample } from './recovery.js';
import { watchChecks, type WatchCheck } from './watch-checks.js';

/**
 * The stabilize watch: poll the health URLs and the followed logs every `pollMs`, judge each
 * time, stop at recovery or after `watchMs`. Everything with a clock or a socket comes in
 * through deps, so a test drives minutes of watching in milliseconds.
 */

export interface WatchSettings {
  healthUrls: string[];
  pollMs: number;
  watchMs: number;
  holdMs: number;
  /** Per health request; a slower answer is a failure. */
  timeoutMs: number;
  incidentRoutes: string[];
}

export interface WatchDeps {
  now: () => number;
  /** Resolves after ms, or early when the signal aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  checkHealth: (url: string, timeoutMs: number, signal: AbortSignal) => Promise<HealthResult>;
  followers: LogFollower[];
  /** After every poll: the live display, cadence reminders. */
  onSample?: (sample: WatchSample, judgement: Judgement, elapsedMs: number) => Promise<void> | void;
  onCheck?: (check: WatchCheck) => void;
}

export interface WatchOutcome {
  recovered: boolean;
  recoveredAt: number | null;
  startedAt: number;
  endedAt: number;
  polls: number;
  reason: string;
  interrupted: boolean;
  checks: WatchCheck[];
  last: WatchSample | null;
}

async function takeSample(settings: WatchSettings, deps: WatchDeps): Promise<WatchSample> {
  const [health, windows] = await Promise.all([
    Promise.all(settings.healthUrls.map((url) => deps.checkHealth(url, settings.timeoutMs, deps.signal))),
    Promise.all(deps.followers.map((f) => f.poll())),
  ]);
  const logs = windows.length ? windows.reduce((a, b) => ({
    lines: a.lines + b.lines,
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    errorLines: a.errorLines + b.errorLines,
    latencies: [...a.latencies, ...b.latencies],
    errorRoutes: Object.fromEntries([...new Set([...Object.keys(a.errorRoutes), ...Object.keys(b.errorRoutes)])].map((r) => [r, (a.errorRoutes[r] ?? 0) + (b.errorRoutes[r] ?? 0)])),
    retryLines: a.retryLines + b.retryLines,
  })) : null;
  return { at: deps.now(), health, logs };
}

export async function watchRecovery(settings: WatchSettings, target: RecoveryTarget, deps: WatchDeps): Promise<WatchOutcome> {
  const startedAt = deps.now();
  const samples: WatchSample[] = [];
  const checks: WatchCheck[] = [];
  let judgement: Judgement = { recovered: false, healthySince: null, recoveredAt: null, reason: 'no samples yet' };
  while (!deps.signal.aborted) {
    const sample = await takeSample(settings, deps);
    if (deps.signal.aborted) break;
    samples.push(sample);
    judgement = judgeRecovery(samples, target, settings.holdMs, settings.pollMs);
    for (const check of watchChecks(samples, target, { windowMs: settings.holdMs, pollMs: settings.pollMs, incidentRoutes: settings.incidentRoutes })) {
      if (checks.some((c) => c.key === check.key)) continue;
      checks.push(check);
      deps.onCheck?.(check);
    }
    await deps.onSample?.(sample, judgement, sample.at - startedAt);
    if (judgement.recovered || sample.at - startedAt >= settings.watchMs) break;
    await deps.sleep(Math.min(settings.pollMs, Math.max(0, startedAt + settings.watchMs - deps.now())), deps.signal);
  }
  return {
    recovered: judgement.recovered,
    recoveredAt: judgement.recoveredAt,
    startedAt,
    endedAt: deps.now(),
    polls: samples.length,
    reason: judgement.reason,
    interrupted: deps.signal.aborted,
    checks,
    last: samples[samples.length - 1] ?? null,
  };
}

/** setTimeout that an abort cuts short. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
