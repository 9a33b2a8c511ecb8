import type { GoldenSignals } from '../../evidence/types.js';
import { ms, percent, relativeTo, utcMinute } from '../../util/format.js';
import { makeFindingFactory } from '../findings.js';
import type { StepContext, StepOutput } from '../types.js';
import { sentrySignalsStep } from './sentry-signals.js';

function describe(label: string, s: GoldenSignals): string {
  return `${label}: ${s.requestsPerMin.toFixed(1)} req/min, error rate ${percent(s.errorRate)}, p95 ${ms(s.latencyMs.p95)} (failed requests p95 ${ms(s.failedLatencyMs.p95)})`;
}

export function goldenSignalsStep({ alert, evidence }: StepContext): StepOutput {
  const finding = makeFindingFactory(evidence);
  const { signals, logs } = evidence;
  if (signals.source === 'sentry') return sentrySignalsStep({ alert, evidence });
  if (!logs || signals.source === 'none') {
    return {
      summary: 'No logs were given, so the golden signals could not be measured.',
      findings: [finding('No log evidence: run again with --logs FILE (repeatable, - for stdin, .gz works) to measure traffic, errors, latency and the onset.')],
      hypotheses: [],
      actions: [],
      questions: ['Do you have access logs or application logs for the last two hours?'],
    };
  }
  const findings = logs.sources.map((s) =>
    finding(
      `${s.path}: ${s.format}${s.dialect ? ` (${s.dialect})` : ''}, ${s.parsed} of ${s.lines} lines parsed${s.unparsed ? `, ${s.unparsed} not understood` : ''}, ${s.inWindow} in the window.`,
      [`log:${s.path}`],
    ),
  );
  if (signals.onset) {
    findings.push(
      finding(
        `Onset ${utcMinute(signals.onset)} UTC (${relativeTo(signals.onset, alert.firedAt, 'the alert')}), in ${signals.onsetSignal ?? 'errors'}.`,
        ['signal:onset'],
      ),
    );
  } else {
    findings.push(finding('No change point: errors, latency and traffic look the same across the window.', ['signal:onset']));
  }
  if (signals.before) findings.push(finding(describe('Before', signals.before), ['signal:before']));
  if (signals.after) findings.push(finding(describe('After', signals.after), ['signal:after']));
  signals.saturation.slice(0, 3).forEach((s, i) => findings.push(finding(`Saturation: ${s.hint} (${s.count}×, e.g. "${s.sample}")`, [`saturation:${i + 1}`, s.evidence])));
  const summary = signals.onset
    ? `Anomaly began ${utcMinute(signals.onset)} UTC; error rate ${percent(signals.before?.errorRate ?? 0)} → ${percent(signals.after?.errorRate ?? 0)}, p95 ${ms(signals.before?.latencyMs.p95 ?? null)} → ${ms(signals.after?.latencyMs.p95 ?? null)}.`
    : 'The signals show no clear change point in the window.';
  return { summary, findings, hypotheses: [], actions: [], questions: [] };
}
