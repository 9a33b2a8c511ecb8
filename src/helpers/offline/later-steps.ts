import { ms, percent, utcMinute } from '../../util/format.js';
import { draftStatusUpdate } from '../../act/status-update.js';
import { recoveryTarget } from '../../act/recovery.js';
import { draftPostmortem } from '../../postmortem/draft.js';
import { makeFindingFactory } from '../findings.js';
import type { StepContext, StepOutput } from '../types.js';

export function stabilizeStep({ evidence }: StepContext): StepOutput {
  const finding = makeFindingFactory(evidence);
  const before = evidence.signals.before;
  if (!before) {
    return {
      summary: 'No pre-onset baseline was measured: watch the alert and error counts until they stay quiet.',
      findings: [finding('Without logs there is no baseline; use the alert source (e.g. Sentry event counts) to judge recovery.')],
      hypotheses: [],
      actions: [],
      questions: ['Has the alert stopped firing?'],
    };
  }
  // The numbers the stabilize watch judges by (src/act/recovery.ts), so the step and the watch agree.
  const { maxErrorRate, maxP95Ms } = recoveryTarget(before);
  const target = `error rate at or below ${percent(maxErrorRate)} and p95 at or below ${ms(maxP95Ms)}`;
  return {
    summary: `Recovered means ${target} for the hold period (--hold, 2 minutes by default; the pre-onset baseline was ${percent(before.errorRate)} errors, p95 ${ms(before.latencyMs.p95)}).`,
    findings: [finding(`Baseline before the onset: ${before.requestsPerMin.toFixed(1)} req/min, ${percent(before.errorRate)} errors, p95 ${ms(before.latencyMs.p95)}.`, ['signal:before'])],
    hypotheses: [],
    actions: [],
    questions: ['Are errors and latency back to the baseline, and for how long?'],
  };
}

export function communicateStep(context: StepContext): StepOutput {
  const update = draftStatusUpdate(context);
  return {
    summary: 'A status update is drafted below; send it where your users look.',
    findings: [makeFindingFactory(context.evidence)(update, ['alert'])],
    hypotheses: [],
    actions: [],
    questions: ['Who needs to hear about this (users, a client, a team mate)?'],
  };
}

/** Where the drafted timeline begins: often before the alert (the change, its deploy, the onset). */
function timelineStart(timeline: readonly { time: string; text: string }[], firedAt: string): string {
  const first = timeline[0];
  if (!first) return `Timeline starts with the alert at ${utcMinute(firedAt)} UTC.`;
  return `Timeline starts at ${first.time} UTC: ${first.text.replace(/\.$/, '')} (${timeline.length} ${timeline.length === 1 ? 'event' : 'events'}).`;
}

export function closeOutStep(context: StepContext): StepOutput {
  const draft = draftPostmortem(context, { sessionId: null });
  const finding = makeFindingFactory(context.evidence);
  return {
    summary: `Postmortem drafted for ${draft.date}: "${draft.title}".`,
    findings: [
      finding(`Root cause: ${draft.rootCause}`, context.evidence.hypotheses[0]?.evidence ?? []),
      finding(`Fix: ${draft.fix}`),
      finding(`Lesson: ${draft.lesson}`),
      finding(timelineStart(draft.timeline ?? [], context.alert.firedAt), ['alert']),
    ],
    hypotheses: [],
    actions: draft.actionItems.map((item) => ({ title: item.text, command: null, risk: 'read-only', why: 'Action item for the postmortem.', evidence: [] })),
    questions: ['Is the root cause right? Edit it before the postmortem is written if not.'],
  };
}
