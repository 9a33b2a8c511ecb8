import type { StepContext } from '../helpers/types.js';
import { ms, percent, utcMinute } from '../util/format.js';

/**
 * A status update in the form people skim at 3 AM: issue → action → status, with the impact
 * and when the next update comes. Pure: the clock is passed in, so the offline helper drafts the
 * same words the sender sends.
 */

export type IncidentStatus = 'investigating' | 'mitigating' | 'monitoring' | 'resolved';

export interface StatusDraft {
  status: IncidentStatus;
  title: string;
  issue: string;
  impact: string | null;
  action: string;
  /** ISO time of the next update, or null for the last one (resolved) or when no clock was given. */
  nextUpdateAt: string | null;
  /** The update as posted: a headline and one line per part. */
  text: string;
}

export type DraftContext = Pick<StepContext, 'alert' | 'evidence' | 'previous' | 'timeline'>;

export const DEFAULT_CADENCE_MINUTES = 15;

function statusOf({ alert, timeline, previous }: DraftContext): IncidentStatus {
  if (alert.status === 'resolved' || timeline.some((e) => e.kind === 'resolved')) return 'resolved';
  if (timeline.some((e) => e.kind === 'mitigated')) return 'monitoring';
  return previous.some((p) => p.id === 'mitigate') ? 'mitigating' : 'investigating';
}

function impactOf({ evidence }: DraftContext): string | null {
  const { before, after } = evidence.signals;
  if (!after) return null;
  const errors = `${percent(after.errorRate)} of requests fail${before ? ` (normally ${percent(before.errorRate)})` : ''}`;
  const slow = after.latencyMs.p95 !== null && before?.latencyMs.p95 != null && after.latencyMs.p95 > before.latencyMs.p95 * 1.2 ? `; p95 ${ms(after.latencyMs.p95)} (normally ${ms(before.latencyMs.p95)})` : '';
  return `${errors}${slow}.`;
}

function actionOf({ timeline, previous }: DraftContext): string {
  const done = timeline.filter((e) => e.kind === 'mitigated').map((e) => e.text.replace(/^Mitigated:\s*/, ''));
  if (done.length) return `${done.join('; ')}.`.replace(/\.\.$/, '.');
  const planned = previous.find((p) => p.id === 'mitigate')?.output.actions[0]?.title;
  return planned ? `preparing to ${planned.charAt(0).toLowerCase()}${planned.slice(1)}.` : 'investigating the cause.';
}

const HEADLINE: Record<IncidentStatus, string> = { investigating: 'Investigating', mitigating: 'Mitigating', monitoring: 'Monitoring', resolved: 'Resolved' };

export function draftStatus(context: DraftContext, options: { cadenceMinutes?: number; now?: Date | null } = {}): StatusDraft {
  const { alert, evidence } = context;
  const cadence = options.cadenceMinutes ?? DEFAULT_CADENCE_MINUTES;
  const status = statusOf(context);
  const where = evidence.localization.find((l) => l.dimension === 'route')?.value ?? alert.route;
  const since = utcMinute(evidence.signals.onset ?? alert.firedAt);
  const issue = `${alert.title}${where ? ` on ${where}` : ''}${alert.environment ? ` (${alert.environment})` : ''}, since ${since} UTC.`;
  const impact = impactOf(context);
  const action = actionOf(context);
  const nextUpdateAt = status === 'resolved' || !options.now ? null : new Date(options.now.getTime() + cadence * 60_000).toISOString();
  const next = status === 'resolved' ? 'this is the last update unless it comes back' : nextUpdateAt ? `next update by ${utcMinute(nextUpdateAt).slice(11)} UTC` : `next update in ${cadence} minutes`;
  const text = [`[${HEADLINE[status]}] ${alert.title}`, `Issue: ${issue}`, ...(impact ? [`Impact: ${impact}`] : []), `Action: ${action.charAt(0).toUpperCase()}${action.slice(1)}`, `Status: ${status}; ${next}.`].join('\n');
  return { status, title: alert.title, issue, impact, action, nextUpdateAt, text };
}

/** The draft on one line, for a finding. */
export function draftStatusUpdate(context: DraftContext, cadenceMinutes = DEFAULT_CADENCE_MINUTES): string {
  return draftStatus(context, { cadenceMinutes }).text.split('\n').slice(1).join(' ');
}
