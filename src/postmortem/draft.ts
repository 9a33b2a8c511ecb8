import type { Evidence, HypothesisCategory } from '../evidence/types.js';
import type { StepContext, TimelineEntry } from '../helpers/types.js';
import { humanDuration, percent, truncate, utcMinute } from '../util/format.js';
import type { PostmortemEntry, TimelineEvent } from './model.js';
import { breadcrumbsBeforeAlert, deploysBeforeAlert } from './sentry-timeline.js';

/**
 * The helper's draft of the blameless postmortem, from the evidence and the session's timeline.
 * It names changes and systems, never people (commit authors stay out of the entry).
 */

const LESSONS: Record<HypothesisCategory, (where: string) => string> = {
  'code-change': (where) => `Changes to ${where} need a test that exercises this failure before they ship.`,
  'config-change': (where) => `Configuration changes (${where}) need the same review and staged rollout as code.`,
  'dependency-change': (where) => `Dependency upgrades (${where}) need a canary or a smoke test against real traffic before full rollout.`,
  'external-dependency': (where) => `Calls to ${where} need timeouts, backoff and a fallback so an upstream outage degrades instead of failing.`,
  'resource-saturation': (where) => `Saturation of ${where} needs an alert before it is exhausted, not after.`,
  infrastructure: (where) => `Infrastructure changes (${where}) need a rollback path tested before they are applied.`,
  unknown: () => 'Record the cause once it is confirmed; add the signal that would have shown it sooner.',
};

const ACTION_ITEMS: Record<HypothesisCategory, (where: string) => string> = {
  'code-change': (where) => `Add a regression test for this failure covering ${where}`,
  'config-change': (where) => `Validate ${where} in CI and roll its changes out in stages`,
  'dependency-change': (where) => `Smoke-test ${where} upgrades against production-like traffic before release`,
  'external-dependency': (where) => `Add a timeout, backoff and fallback around calls to ${where}`,
  'resource-saturation': (where) => `Alert on ${where} before it is exhausted`,
  infrastructure: (where) => `Write and test a rollback for ${where}`,
  unknown: () => 'Confirm the root cause and update this entry',
};

function whereOf(evidence: Evidence, category: HypothesisCategory): string {
  const suspect = evidence.suspects[0];
  const dep = evidence.git.commits.flatMap((c) => c.dependencyChanges)[0];
  if (category === 'dependency-change' && dep) return dep.name;
  if (category === 'external-dependency') return evidence.frames.find((f) => !f.inApp && f.package)?.package ?? 'the upstream';
  if (category === 'resource-saturation') return evidence.signals.saturation[0]?.hint ?? 'the exhausted resource';
  return suspect?.files[0] ?? evidence.frames.find((f) => f.repoPath)?.repoPath ?? 'the failing component';
}

function impactOf(evidence: Evidence, route: string | null): string | null {
  const { before, after } = evidence.signals;
  if (!before || !after) return null;
  const where = evidence.localization.find((l) => l.dimension === 'route')?.value ?? route;
  return `Error rate ${percent(before.errorRate)} → ${percent(after.errorRate)}, p95 ${Math.round(before.latencyMs.p95 ?? 0)} → ${Math.round(after.latencyMs.p95 ?? 0)} ms${where ? `, mostly on ${where}` : ''}.`;
}

function timelineOf(context: Pick<StepContext, 'alert' | 'evidence' | 'timeline'>): TimelineEvent[] {
  const { alert, evidence, timeline } = context;
  const events: TimelineEvent[] = [];
  const suspect = evidence.suspects[0];
  if (suspect && suspect.score >= 0.5) events.push({ time: utcMinute(suspect.committedAt), text: `Change ${suspect.shortSha} "${truncate(suspect.subject, 80)}" committed.` });
  // Pushed in causal order (commit, deploy, onset, breadcrumbs, alert) so the stable sort below
  // keeps that order among events within the same minute.
  events.push(...deploysBeforeAlert(evidence.sentry?.release ?? null, alert.firedAt));
  if (evidence.signals.onset) events.push({ time: utcMinute(evidence.signals.onset), text: `Onset: ${evidence.signals.onsetSignal ?? 'errors'} began to rise.` });
  events.push(...breadcrumbsBeforeAlert(evidence.sentry?.breadcrumbs ?? [], alert.firedAt));
  events.push({ time: utcMinute(alert.firedAt), text: `Alert fired: ${truncate(alert.title, 100)}.` });
  // The postmortem keeps what a reader needs (acknowledgement, notes, actions), not every step.
  const acknowledged = timeline.find((e) => e.kind === 'step' && e.step === 'assess');
  if (acknowledged) events.push({ time: utcMinute(acknowledged.at), text: 'Acknowledged; triage session started.' });
  const kept: TimelineEntry['kind'][] = ['note', 'mitigated', 'resolved'];
  for (const entry of timeline.filter((e) => kept.includes(e.kind))) events.push({ time: utcMinute(entry.at), text: truncate(entry.text, 300) });
  return events.sort((a, b) => a.time.localeCompare(b.time));
}

export function draftPostmortem(
  context: Pick<StepContext, 'alert' | 'evidence' | 'timeline' | 'previous'>,
  options: { sessionId: string | null; owner?: string | null },
): PostmortemEntry {
  const { alert, evidence, timeline, previous } = context;
  const top = evidence.hypotheses[0];
  const category = top?.category ?? 'unknown';
  const suspect = evidence.suspects[0];
  const mitigated = timeline.find((e) => e.kind === 'mitigated');
  const resolved = timeline.find((e) => e.kind === 'resolved');
  const acknowledged = timeline.find((e) => e.kind === 'step' && e.step === 'assess');
  const suggested = previous.find((p) => p.id === 'mitigate')?.output.actions[0];
  const where = whereOf(evidence, category);
  const delay = evidence.signals.onset ? Date.parse(alert.firedAt) - Date.parse(evidence.signals.onset) : null;
  const onsetFirst = delay !== null && delay >= 0;
  return {
    title: truncate(alert.title, 120),
    date: alert.firedAt.slice(0, 10),
    severity: alert.severity,
    category,
    status: 'draft',
    impact: impactOf(evidence, alert.route),
    rootCause: top ? `${top.summary} (triage's best hypothesis, confidence ${percent(top.confidence, 0)}: confirm or correct).` : 'Unknown: not established during the incident.',
    trigger: suspect && suspect.score >= 0.5 ? `Change ${suspect.shortSha} "${truncate(suspect.subject, 100)}".` : null,
    fix: mitigated ? mitigated.text : suggested ? `Not applied yet. Suggested: ${suggested.title}${suggested.command ? ` (\`${suggested.command}\`)` : ''}.` : 'Not recorded.',
    detection: `${alert.source} alert${delay !== null && delay > 0 ? `, ${humanDuration(delay)} after the onset` : ''}.`,
    // The onset starts the clock only when it precedes the alert; lint checks the clock runs forward.
    startedAt: onsetFirst ? utcMinute(evidence.signals.onset!) : null,
    detectedAt: utcMinute(alert.firedAt),
    acknowledgedAt: acknowledged ? utcMinute(acknowledged.at) : null,
    mitigatedAt: mitigated ? utcMinute(mitigated.at) : null,
    resolvedAt: resolved ? utcMinute(resolved.at) : null,
    duration: onsetFirst && resolved ? humanDuration(Date.parse(resolved.at) - Date.parse(evidence.signals.onset!)) : null,
    alert: alert.url,
    session: options.sessionId,
    tags: [category, ...(alert.environment ? [alert.environment] : [])],
    recurrenceOf: evidence.pastIncidents[0] && evidence.pastIncidents[0].similarity >= 0.6 ? `${evidence.pastIncidents[0].date} — ${evidence.pastIncidents[0].title}` : null,
    timeline: timelineOf(context),
    actionItems: [
      { text: ACTION_ITEMS[category](where), owner: options.owner ?? null, due: null, done: false },
    ],
    lesson: LESSONS[category](where),
    whatWentWell: null,
    whatWentWrong: null,
    whereWeGotLucky: null,
  };
}
