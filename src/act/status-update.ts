import type { StepContext } from '../helpers/types.js';
import { utcMinute } from '../util/format.js';

/** issue → action → status, with impact and when the next update comes (every 15 min by default). */
export function draftStatusUpdate({ alert, evidence, previous }: Pick<StepContext, 'alert' | 'evidence' | 'previous'>, cadenceMinutes = 15): string {
  const where = evidence.localization.find((l) => l.dimension === 'route')?.value ?? alert.route;
  const since = utcMinute(evidence.signals.onset ?? alert.firedAt);
  const mitigation = previous.find((p) => p.id === 'mitigate')?.output.actions[0]?.title;
  const issue = `Issue: ${alert.title}${where ? ` on ${where}` : ''}${alert.environment ? ` (${alert.environment})` : ''}, since ${since} UTC.`;
  const action = `Action: ${mitigation ?? 'investigating the cause'}.`;
  const status = `Status: ${alert.status === 'resolved' ? 'resolved' : 'investigating'}; next update in ${cadenceMinutes} minutes.`;
  return `${issue} ${action} ${status}`;
}
