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
  parsePostmortems: (markdown: string) => PastEntry[];
}

async function readPastEntries(path: string, parse: CollectOptions['parsePostmortems']): Promise<PastEntry[]> {
  const text = await readFile(path, 'utf8').catch(() => null);
  return text === null ? [] : parse(text);
}

/** Run the deterministic collectors and reason over their output; no model, no network. */
export async function collectEvidence(options: CollectOptions): Promise<Evidence> {
  const { alert } = options;
  const [git, logs, pastEntries] = await Promise.all([
    collectGitChanges({ repo: options.repo, since: options.changesSince, until: alert.firedAt, release: alert.release }),
    options.logs.length
      ? digestLogs({ inputs: options.logs, window: { from: options.logsFrom, to: options.logsTo }, ...(options.stdin ? { stdin: options.stdin } : {}) })
      : Promise.resolve(null),
    readPastEntries(options.postmortemsPath, options.parsePostmortems),
  ]);
  const frames = mapFrames(alert.stacktrace, git.trackedFiles);
  const signals = logs?.signals ?? NO_SIGNALS;
  const localization = logs?.localization ?? [];
  const templates = logs?.templates ?? [];
  const suspects = rankSuspects({ commits: git.commits, frames, alert, onset: signals.onset, firedAt: alert.firedAt, localization, release: git.release, templates, series: signals.series });
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
    facts: buildFacts({ alert, git, frames, logs, signals, pastIncidents, suspects }),
  };
}
