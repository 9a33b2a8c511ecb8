import path from 'node:path';
import type { Alert } from '../alert/schema.js';
import { collectEvidence } from '../evidence/collect.js';
import { loadPlaybooks } from '../playbook/loader.js';
import { selectPlaybook } from '../playbook/select.js';
import { emptySteps, newSessionId, SESSION_VERSION, type SessionState } from '../playbook/session.js';
import { parsePostmortems } from '../postmortem/parse.js';
import { ZERO_LLM_USAGE } from '../report.js';
import { parseDuration } from '../util/duration.js';
import { sentryTimeline } from '../sentry/facts.js';
import type { SentryEvidenceSource } from './alert-from-input.js';
import type { RunOptions } from './options.js';

/** Logs are read a little past the alert: an alert that fires on the first error has its "after" there. */
export const LOGS_AFTER_ALERT_MS = 30 * 60_000;

/** Everything before the walk: windows from the incident clock, playbook, evidence, a new session. */
export async function startSession(
  alert: Alert,
  options: RunOptions & { repo: string },
  deps: { now: () => Date; stdin?: NodeJS.ReadableStream; drill?: boolean; sentry?: SentryEvidenceSource },
): Promise<SessionState> {
  const firedAt = Date.parse(alert.firedAt);
  const window = {
    changesSince: new Date(firedAt - parseDuration(options.since, '--since')).toISOString(),
    logsFrom: new Date(firedAt - parseDuration(options.window, '--window')).toISOString(),
    logsTo: new Date(firedAt + LOGS_AFTER_ALERT_MS).toISOString(),
  };
  const postmortems = path.resolve(options.repo, options.postmortems ?? 'POSTMORTEMS.md');
  const playbooks = await loadPlaybooks(options.repo);
  const choice = selectPlaybook(playbooks, alert, options.playbook);
  // Sentry's stats are asked for over the same window as the logs, so the two read alike.
  const sentry = deps.sentry ? await deps.sentry({ from: window.logsFrom, to: window.logsTo }) : null;
  const evidence = await collectEvidence({
    alert,
    repo: options.repo,
    ...window,
    logs: options.logs.map((file) => (file === '-' ? file : path.resolve(file))),
    postmortemsPath: postmortems,
    ...(deps.stdin ? { stdin: deps.stdin } : {}),
    sentry,
    parsePostmortems: (markdown) => parsePostmortems(markdown).entries.map((e) => ({ entry: e.entry, line: e.line })),
  });
  const startedAt = deps.now().toISOString();
  return {
    version: SESSION_VERSION,
    id: newSessionId(deps.now()),
    status: 'in-progress',
    startedAt,
    updatedAt: startedAt,
    finishedAt: null,
    drill: deps.drill ?? false,
    options: {
      repo: options.repo,
      logs: options.logs,
      postmortems,
      since: options.since,
      window: options.window,
      dryRun: options.dryRun,
      llm: options.llm && !options.offline,
      offline: options.offline,
    },
    alert,
    playbook: choice.playbook,
    playbookReason: choice.reason,
    window,
    evidence,
    steps: emptySteps(),
    timeline: [
      ...sentryTimeline(sentry, { since: window.changesSince, until: alert.firedAt }),
      { at: alert.firedAt, kind: 'alert' as const, text: `${deps.drill ? 'Drill alert' : 'Alert'} fired: ${alert.title}` },
    ].sort((a, b) => a.at.localeCompare(b.at)),
    postmortem: { path: postmortems, written: false },
    llm: { ...ZERO_LLM_USAGE },
  };
}
