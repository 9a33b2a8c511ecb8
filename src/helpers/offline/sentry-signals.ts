import { plural, relativeTo, utcMinute } from '../../util/format.js';
import { makeFindingFactory } from '../findings.js';
import type { StepContext, StepOutput } from '../types.js';

/**
 * The golden-signals step when the only series is Sentry's issue stats: errors over time and an
 * onset, but no traffic or latency, and it says so rather than guess them.
 */
export function sentrySignalsStep({ alert, evidence }: Pick<StepContext, 'alert' | 'evidence'>): StepOutput {
  const finding = makeFindingFactory(evidence);
  const { signals, sentry } = evidence;
  const total = signals.series.reduce((sum, point) => sum + point.errors, 0);
  const peak = signals.series.reduce((best, point) => Math.max(best, point.errors), 0);
  const findings = [
    finding(
      `No logs: the series is Sentry's event count for this issue, ${plural(total, 'event')} in the window${peak ? ` (peak ${peak} per bucket)` : ''}${sentry?.stats ? `, stats "${sentry.stats.period}"` : ''}. Traffic and latency are not measured.`,
      [sentry?.stats ? 'sentry:stats' : 'sentry:issue'],
    ),
  ];
  if (signals.onset) {
    const firstSeen = sentry?.issue.firstSeen ?? null;
    const why = firstSeen !== null && utcMinute(firstSeen) === utcMinute(signals.onset) ? 'Sentry first saw this issue then' : 'the issue\'s events rose then';
    findings.push(finding(`Onset ${utcMinute(signals.onset)} UTC (${relativeTo(signals.onset, alert.firedAt, 'the alert')}): ${why}.`, ['signal:onset', 'sentry:issue']));
  }
  return {
    summary: signals.onset ? `Errors began ${utcMinute(signals.onset)} UTC (from Sentry's issue stats; no logs given).` : 'Sentry\'s issue stats show no clear onset in the window (no logs given).',
    findings,
    hypotheses: [],
    actions: [],
    questions: ['Do you have access logs or application logs, to measure traffic and latency too (--logs FILE)?'],
  };
}
