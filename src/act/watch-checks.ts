import { windowStats, type RecoveryTarget, type WatchSample } from './recovery.js';

/**
 * What can go wrong after a mitigation while the numbers look better: clients retrying in a
 * storm, or the failure moving to another route or service. Each check runs only where the
 * evidence allows it (a baseline for traffic, several health URLs, the incident's own routes).
 */

export interface WatchCheck {
  kind: 'retry-storm' | 'cascade';
  /** Stable per finding, so the watch reports it once. */
  key: string;
  text: string;
}

const STORM_FACTOR = 2;
const MIN_STORM_RPM = 10;
const MIN_RETRY_LINES = 10;
const MIN_MOVED_ERRORS = 3;

function retryStorm(recent: WatchSample[], target: RecoveryTarget, minutes: number): WatchCheck[] {
  const stats = windowStats(recent, minutes);
  const checks: WatchCheck[] = [];
  const baseline = target.baselineRequestsPerMin;
  if (baseline !== null && stats.requestsPerMin !== null && stats.requestsPerMin >= Math.max(baseline * STORM_FACTOR, MIN_STORM_RPM)) {
    checks.push({ kind: 'retry-storm', key: 'traffic', text: `Traffic is ${(stats.requestsPerMin / baseline).toFixed(1)}× the pre-onset rate (${stats.requestsPerMin.toFixed(0)} vs ${baseline.toFixed(0)} req/min): clients may be retrying in a storm; check their backoff before lifting the mitigation.` });
  }
  if (stats.retryLines >= MIN_RETRY_LINES && stats.retryLines * 10 >= stats.lines) {
    checks.push({ kind: 'retry-storm', key: 'retry-lines', text: `${stats.retryLines} of ${stats.lines} new log lines mention retries: a retry storm can keep the service saturated after the cause is gone.` });
  }
  return checks;
}

function movedErrors(recent: WatchSample[], incidentRoutes: string[]): WatchCheck[] {
  if (!incidentRoutes.length) return [];
  const byRoute = new Map<string, number>();
  for (const s of recent) for (const [route, n] of Object.entries(s.logs?.errorRoutes ?? {})) byRoute.set(route, (byRoute.get(route) ?? 0) + n);
  const total = [...byRoute.values()].reduce((a, b) => a + b, 0);
  const elsewhere = [...byRoute].filter(([route]) => !incidentRoutes.includes(route)).sort((a, b) => b[1] - a[1])[0];
  if (!elsewhere || elsewhere[1] < MIN_MOVED_ERRORS || elsewhere[1] * 2 < total) return [];
  return [{ kind: 'cascade', key: `route:${elsewhere[0]}`, text: `Errors now come mostly from ${elsewhere[0]} (${elsewhere[1]} of ${total}), not ${incidentRoutes.join(', ')}: the failure may have moved downstream.` }];
}

/** A health URL that answered well earlier in the watch and fails in the last two polls, while another is fine. */
function failingSince(samples: WatchSample[]): WatchCheck[] {
  const [previous, last] = samples.slice(-2);
  if (!previous || !last || last.health.length < 2) return [];
  return last.health.flatMap((h): WatchCheck[] => {
    const before = previous.health.find((p) => p.url === h.url);
    const wasOk = samples.slice(0, -2).some((s) => s.health.some((p) => p.url === h.url && p.ok));
    const othersOk = last.health.some((o) => o.url !== h.url && o.ok);
    if (h.ok || before?.ok !== false || !wasOk || !othersOk) return [];
    return [{ kind: 'cascade', key: `health:${h.url}`, text: `${h.url} was healthy earlier in the watch and now fails while others answer: a cascade into what it depends on?` }];
  });
}

export function watchChecks(samples: WatchSample[], target: RecoveryTarget, options: { windowMs: number; pollMs: number; incidentRoutes: string[] }): WatchCheck[] {
  const newest = samples[samples.length - 1];
  if (!newest) return [];
  const recent = samples.filter((s) => s.at > newest.at - options.windowMs);
  const minutes = Math.max(newest.at - recent[0]!.at + options.pollMs, options.pollMs) / 60_000;
  return [...retryStorm(recent, target, minutes), ...movedErrors(recent, options.incidentRoutes), ...failingSince(samples)];
}
