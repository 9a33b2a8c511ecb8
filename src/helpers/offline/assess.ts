import type { StepContext, StepOutput } from '../types.js';
import { makeFindingFactory } from '../findings.js';
import { sentryImpactFindings } from './sentry-findings.js';
import { plural, utcMinute } from '../../util/format.js';

export function assessStep({ alert, evidence }: StepContext): StepOutput {
  const finding = makeFindingFactory(evidence);
  const where = [alert.service, alert.environment].filter(Boolean).join(' in ') || 'the app';
  const findings = [
    finding(
      `${alert.severity.toUpperCase()} ${alert.status === 'resolved' ? 'resolved notice' : 'alert'} from ${alert.source}: "${alert.title}" in ${where}, fired ${utcMinute(alert.firedAt)} UTC${alert.firedAtSource === 'received' ? ' (no time in the payload: using when triage read it)' : ''}.`,
      ['alert'],
    ),
  ];
  if (alert.release) findings.push(finding(`Release ${alert.release}.`, ['alert']));
  findings.push(...sentryImpactFindings(evidence, finding));
  // The newest in-app frame is where the app's own code last ran before it threw.
  const top = evidence.frames.filter((f) => f.inApp && f.repoPath).sort((a, b) => a.depth - b.depth)[0];
  if (top) findings.push(finding(`It throws in ${top.repoPath}${top.line ? `:${top.line}` : ''}${top.function ? ` (${top.function})` : ''}.`, [`frame:${top.index}`]));
  if (alert.route) findings.push(finding(`Route or transaction: ${alert.route}.`, ['alert']));
  if (alert.related.length) {
    const firing = alert.related.filter((r) => r.status === 'firing').length;
    findings.push(finding(`The same notification carried ${plural(alert.related.length, 'other alert')} (${firing} firing): ${alert.related.map((r) => r.title).slice(0, 3).join('; ')}.`, ['alert']));
  }
  for (const past of evidence.pastIncidents.slice(0, 3)) {
    findings.push(
      finding(
        `Seen before: ${past.date} "${past.title}" (${past.reasons.join(', ')})${past.fix ? ` — fixed by: ${past.fix}` : ''}${past.openActionItems?.length ? `; still open from then: ${past.openActionItems.join('; ')}` : ''}.`,
        [past.id],
      ),
    );
  }
  const actions = [
    {
      title: 'Acknowledge the alert so nobody else starts on it',
      command: null,
      risk: 'read-only' as const,
      why: alert.url ? `Open ${alert.url}` : 'Mark it acknowledged wherever it was sent.',
      evidence: ['alert'],
    },
  ];
  return {
    summary: `${alert.severity} ${alert.source} alert "${alert.title}"${evidence.pastIncidents.length ? `, seen before ${plural(evidence.pastIncidents.length, 'time')}` : ''}.`,
    findings,
    hypotheses: [],
    actions,
    questions: ['How many users are affected, and is it getting worse?'],
  };
}
