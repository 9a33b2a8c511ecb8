import { readFile } from 'node:fs/promises';
import type { Alert } from '../alert/schema.js';
import { buildFacts } from './facts.js';
import { mapFrames } from './frames/index.js';
import { collectGitChanges } from './git/index.js';
import { digestLogs } from './logs/index.js';
import { findPastIncidents, type PastEntry } from './past-incidents.js';
import { buildHypotheses, rankSuspects } from './suspects/index.js';
import { NO_SIGNALS } from './empty.js';
import type { Evidence } from './types.js';
import type { SentryEvidence } from '../sentry/evidence-types.js';
import { sentryFacts } from '../sentry/facts.js';
import { signalsFromSentry } from '../sentry/signals.js';
import { mergeSentrySuspects } from '../sentry/suspects.js';
import { detectPlatforms } from '../act/platform-detect.js';
import { platformFacts } from '../act/platforms.js';

export interface CollectOptions {
  alert: Alert;
  repo: string;
  /** ISO bounds, all measured from the alert's firing time (the incident clock). */
  changesSince: string;
  logsFrom: string;
  logsTo: string;
  logs: string[];
  postmortemsPath: string;
  stdin?: NodeJS.ReadableStream;
  /** What Sentry's API added (issue stats, suspect commits, release); fetched by the caller, so this stays offline. */
  sentry?: SentryEvidence | null;
  parsePostmortems: (markdown: string) => PastEntry[];
}

async function readPastEntries(path: string, parse: CollectOptions['parsePostmortems']): Promise<PastEntry[]> {
  const text = await readFile(path, 'utf8').catch(() => null);
  return text === null ? [] : parse(text);
}

/** Run the deterministic collectors and reason over their output; no model, no network. */
export async function collectEvidence(options: CollectOptions): Promise<Evidence> {
  const { alert } = options;
  const [git, logs, pastEntries, platforms] = await Promise.all([
    collectGitChanges({ repo: options.repo, since: options.changesSince, until: alert.firedAt, release: alert.release }),
    options.logs.length
      ? digestLogs({ inputs: options.logs, window: { from: options.logsFrom, to: options.logsTo }, ...(options.stdin ? { stdin: options.stdin } : {}) })
      : Promise.resolve(null),
    readPastEntries(options.postmortemsPath, options.parsePostmortems),
    detectPlatforms(options.repo),
  ]);
  const frames = mapFrames(alert.stacktrace, git.trackedFiles);
  const sentry = options.sentry ?? null;
  // Logs measure traffic as well as errors; Sentry's issue stats stand in only where the logs say nothing.
  const logSignals = logs?.signals ?? NO_SIGNALS;
  const sentrySignals = logSignals.source === 'none' && sentry ? signalsFromSentry(sentry, { from: options.logsFrom, to: options.logsTo, firedAt: alert.firedAt }) : null;
  const signals = sentrySignals ?? logSignals;
  const localization = logs?.localization ?? [];
  const templates = logs?.templates ?? [];
  const suspects = mergeSentrySuspects(rankSuspects({ commits: git.commits, frames, alert, onset: signals.onset, firedAt: alert.firedAt, localization, release: git.release, templates, series: signals.series }), sentry?.suspectCommits ?? [], git.commits);
  const hypotheses = buildHypotheses({ suspects, commits: git.commits, alert, frames, signals, localization, templates });
  const pastIncidents = findPastIncidents(pastEntries, alert, frames, localization);
  // Tracked files are needed to map frames, not to reason: keep the session file small.
  const slimGit = { ...git, trackedFiles: [] };
  return {
    firedAt: alert.firedAt,
    git: slimGit,
    frames,
    logs,
    signals,
    localization,
    suspects,
    hypotheses,
    pastIncidents,
    facts: [...buildFacts({ alert, git, frames, logs, signals, pastIncidents, suspects }), ...sentryFacts(sentry), ...platformFacts(platforms)],
    sentry,
    platforms,
  };
}
