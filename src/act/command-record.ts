import type { SuggestedAction, TimelineEntry } from '../helpers/types.js';
import { actRecordOf, type ActRecord } from './act-record.js';
import { outputTail } from './run-policy.js';
import type { CommandOutcome } from './run-command.js';

/**
 * Every command that ran goes into the timeline with the tail of its output (a note, so the
 * postmortem keeps it), and into the session's record of commands for the report. A mitigation
 * that succeeded at the mitigate step also marks the incident as mitigated at that time.
 */
export function recordCommand(
  state: { timeline: TimelineEntry[]; act?: ActRecord },
  step: string,
  action: SuggestedAction,
  outcome: CommandOutcome,
  at: Date,
  unattended: boolean,
): void {
  if (!outcome.ran || outcome.command === null) return;
  const output = outputTail(outcome.output);
  const exit = outcome.exitCode ?? 'unknown';
  const iso = at.toISOString();
  actRecordOf(state).commands.push({ at: iso, step, title: action.title, kind: action.kind ?? null, risk: action.risk, command: outcome.command, exitCode: outcome.exitCode, output, unattended });
  const how = unattended ? `Ran (allowed by --allow-run ${action.kind})` : 'Ran';
  state.timeline.push({ at: iso, kind: 'note', step, text: `${how} \`${outcome.command}\` (exit ${exit})${output ? `: ${output.replace(/\s+/g, ' ')}` : '.'}` });
  if (step === 'mitigate' && outcome.exitCode === 0 && action.risk !== 'read-only') {
    state.timeline.push({ at: iso, kind: 'mitigated', step, text: `Mitigated: ${action.title} (\`${outcome.command}\`).` });
  }
}
