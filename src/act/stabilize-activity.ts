import { InterruptedError } from '../errors.js';
import type { TimelineEntry } from '../helpers/types.js';
import type { SessionState } from '../playbook/session.js';
import type { Theme } from '../ui/theme.js';
import { ms, percent, utcMinute } from '../util/format.js';
import { actRecordOf, type StabilizeRecord } from './act-record.js';
import type { LogFollower } from './log-follow.js';
import { recoveryTarget, type HealthResult, type RecoveryTarget } from './recovery.js';
import { renderWatchLine, seconds, stateOf } from './watch-display.js';
import { watchRecovery, type WatchOutcome, type WatchSettings } from './watch.js';

/**
 * The stabilize step's watch, wired to the session: which sources to watch, the live line on a
 * TTY (state changes only otherwise), checks and recovery into the timeline, and Ctrl-C into a
 * resumable stop.
 */

export const DEFAULT_WATCH_MS = 30 * 60_000;
const MAX_HEALTH_TIMEOUT_MS = 5000;

export interface StabilizeDeps {
  healthUrls: string[];
  pollMs: number;
  watchMs: number | null;
  holdMs: number;
  now: () => Date;
  theme: Theme;
  /** stderr is a terminal: redraw one live line instead of printing state changes. */
  live: boolean;
  write: (text: string) => void;
  checkHealth: (url: string, timeoutMs: number, signal: AbortSignal) => Promise<HealthResult>;
  follow: (path: string) => Promise<LogFollower>;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborts on Ctrl-C while the watch runs. */
  interrupt: () => { signal: AbortSignal; dispose: () => void };
  /** At every poll: status updates on their cadence. */
  onPoll?: () => Promise<void>;
}

/** Followable logs: the files the digest read (not stdin, not gzip). */
export function followableLogs(state: SessionState): string[] {
  return (state.evidence.logs?.sources ?? []).map((s) => s.path).filter((p) => p !== '-' && !p.endsWith('.gz'));
}

function describeTarget(target: RecoveryTarget): string {
  const latency = target.maxP95Ms === null ? '' : ` and p95 at or below ${ms(target.maxP95Ms)}`;
  return target.fromBaseline ? `error rate at or below ${percent(target.maxErrorRate)}${latency} (the pre-onset baseline)` : `health checks passing and at most ${percent(target.maxErrorRate)} errors (no pre-onset baseline was measured)`;
}

function insertSorted(timeline: TimelineEntry[], entry: TimelineEntry): void {
  const at = timeline.findIndex((e) => e.at > entry.at);
  if (at === -1) timeline.push(entry);
  else timeline.splice(at, 0, entry);
}

async function openFollowers(files: string[], deps: StabilizeDeps): Promise<LogFollower[]> {
  const followers: LogFollower[] = [];
  for (const file of files) {
    try {
      followers.push(await deps.follow(file));
    } catch (error) {
      deps.write(`  Cannot follow ${file}: ${(error as Error).message}\n`);
    }
  }
  return followers;
}

function record(outcome: WatchOutcome, settings: WatchSettings, files: string[], target: RecoveryTarget): StabilizeRecord {
  const iso = (t: number): string => new Date(t).toISOString();
  return {
    recovered: outcome.recovered,
    recoveredAt: outcome.recoveredAt === null ? null : iso(outcome.recoveredAt),
    startedAt: iso(outcome.startedAt),
    endedAt: iso(outcome.endedAt),
    reason: outcome.reason,
    holdSeconds: settings.holdMs / 1000,
    pollSeconds: settings.pollMs / 1000,
    watchSeconds: settings.watchMs / 1000,
    polls: outcome.polls,
    healthUrls: settings.healthUrls,
    logFiles: files,
    baseline: target.fromBaseline,
    checks: outcome.checks.map((c) => ({ kind: c.kind, text: c.text })),
  };
}

/** Watches when asked to (health URLs or --watch); returns false when there was nothing to watch. */
export async function stabilizeWatch(state: SessionState, deps: StabilizeDeps): Promise<boolean> {
  const { c, symbols } = deps.theme;
  const say = (text: string): void => deps.write(`${text}\n`);
  if (!deps.healthUrls.length && deps.watchMs === null) {
    say(c.dim('  To watch recovery here: --health-url URL (repeatable) and/or --watch 30m to follow the --logs files.'));
    return false;
  }
  const files = followableLogs(state);
  const followers = await openFollowers(files, deps);
  if (!deps.healthUrls.length && !followers.length) {
    say(`  ${c.yellow(symbols.warn)} Nothing to watch: pass --health-url URL, or --logs with a file that keeps growing.`);
    return false;
  }
  const settings: WatchSettings = {
    healthUrls: deps.healthUrls,
    pollMs: deps.pollMs,
    watchMs: deps.watchMs ?? Math.max(DEFAULT_WATCH_MS, deps.holdMs * 2),
    holdMs: deps.holdMs,
    timeoutMs: Math.min(Math.max(deps.pollMs, 1000), MAX_HEALTH_TIMEOUT_MS),
    incidentRoutes: state.evidence.localization.filter((l) => l.dimension === 'route').map((l) => l.value),
  };
  const target = recoveryTarget(state.evidence.signals.before);
  const sources = [...settings.healthUrls, ...followers.map((f) => f.path)].join(', ');
  say(`  Watching ${sources} every ${seconds(settings.pollMs)} for up to ${seconds(settings.watchMs)}: recovered means ${describeTarget(target)} for ${seconds(settings.holdMs)}. Ctrl-C stops (the session is saved).`);
  const interrupt = deps.interrupt();
  let lastState: string | null = null;
  const clearLine = (): void => {
    if (deps.live) deps.write('\r\u001b[2K');
  };
  let outcome: WatchOutcome;
  try {
    outcome = await watchRecovery(settings, target, {
      now: () => deps.now().getTime(),
      sleep: deps.sleep,
      signal: interrupt.signal,
      checkHealth: deps.checkHealth,
      followers,
      onSample: async (sample, judgement, elapsedMs) => {
        // A reminder starts on a new line, so it leaves the last live line standing above it.
        await deps.onPoll?.();
        const line = renderWatchLine(sample, judgement, { elapsedMs, holdMs: settings.holdMs, watchMs: settings.watchMs, pollMs: settings.pollMs }, deps.theme);
        if (deps.live) deps.write(`\r\u001b[2K${line}`);
        else if (stateOf(judgement) !== lastState) say(line);
        lastState = stateOf(judgement);
      },
      onCheck: (check) => {
        clearLine();
        say(`  ${c.yellow(symbols.warn)} ${check.text}`);
        state.timeline.push({ at: deps.now().toISOString(), kind: 'note', step: 'stabilize', text: check.text });
      },
    });
  } finally {
    interrupt.dispose();
    clearLine();
  }
  if (outcome.interrupted) {
    state.timeline.push({ at: new Date(outcome.endedAt).toISOString(), kind: 'note', step: 'stabilize', text: `Watch stopped after ${seconds(outcome.endedAt - outcome.startedAt)}, before recovery was confirmed.` });
    throw new InterruptedError('Stopped watching; the session is saved.', { hint: 'Continue with `triage resume`: the watch starts again at the stabilize step.' });
  }
  const result = record(outcome, settings, followers.map((f) => f.path), target);
  actRecordOf(state).stabilize = result;
  if (result.recovered && result.recoveredAt) {
    insertSorted(state.timeline, { at: result.recoveredAt, kind: 'resolved', step: 'stabilize', text: `Recovered: ${describeTarget(target)}, held for ${seconds(settings.holdMs)} (confirmed ${utcMinute(result.endedAt)} UTC).` });
    say(`  ${c.green(symbols.ok)} Recovered since ${utcMinute(result.recoveredAt)} UTC: ${outcome.reason}.`);
  } else {
    state.timeline.push({ at: result.endedAt, kind: 'note', step: 'stabilize', text: `Not recovered after watching ${seconds(outcome.endedAt - outcome.startedAt)}: ${outcome.reason}.` });
    say(`  ${c.red(symbols.fail)} Not recovered after ${seconds(outcome.endedAt - outcome.startedAt)}: ${outcome.reason}.`);
  }
  return true;
}
