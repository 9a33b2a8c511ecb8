import type { Theme } from '../ui/theme.js';
import { ms, percent } from '../util/format.js';
import { windowStats, type Judgement, type WatchSample } from './recovery.js';

/** The watch as one terminal line: health, the followed logs, and how long it has held. Pure. */

export function seconds(millis: number): string {
  const s = Math.round(millis / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function healthPart(sample: WatchSample, theme: Theme): string | null {
  if (!sample.health.length) return null;
  const { c, symbols } = theme;
  return sample.health
    .map((h) => (h.ok ? `${c.green(symbols.ok)} ${h.status} ${ms(h.latencyMs)}` : `${c.red(symbols.fail)} ${h.status ?? h.error ?? 'failed'}`))
    .join('  ');
}

function logsPart(sample: WatchSample, pollMs: number): string | null {
  if (!sample.logs) return null;
  const stats = windowStats([sample], pollMs / 60_000);
  const rate = stats.requestsPerMin === null ? 'n/a' : `${stats.requestsPerMin.toFixed(0)} req/min`;
  const errors = stats.errorRate === null ? `${stats.errorLines} error lines` : `${percent(stats.errorRate)} errors`;
  return `logs ${rate}, ${errors}, p95 ${ms(stats.p95Ms)}`;
}

export function renderWatchLine(sample: WatchSample, judgement: Judgement, view: { elapsedMs: number; holdMs: number; watchMs: number; pollMs: number }, theme: Theme): string {
  const { c } = theme;
  const parts = [c.dim(`watching ${seconds(view.elapsedMs)}/${seconds(view.watchMs)}`), healthPart(sample, theme), logsPart(sample, view.pollMs)].filter(Boolean);
  const held = judgement.healthySince === null ? c.yellow(judgement.reason) : c.green(`within baseline ${seconds(sample.at - judgement.healthySince)}/${seconds(view.holdMs)}`);
  return `  ${parts.join(' | ')} | ${held}`;
}

/** A line worth printing without a TTY: only when the state changes (healthy ↔ not). */
export function stateOf(judgement: Judgement): 'healthy' | 'unhealthy' {
  return judgement.healthySince === null ? 'unhealthy' : 'healthy';
}
