import { suggestMitigations } from '../../act/mitigations.js';
import { makeFindingFactory } from '../findings.js';
import type { StepContext, StepOutput } from '../types.js';

export function mitigateStep({ alert, evidence }: StepContext): StepOutput {
  const finding = makeFindingFactory(evidence);
  const top = evidence.hypotheses[0];
  const actions = suggestMitigations(alert, evidence, evidence.hypotheses);
  const first = actions[0];
  return {
    summary: first ? `Fastest mitigation: ${first.title}${first.command ? ` (\`${first.command}\`)` : ''}.` : 'No specific mitigation stands out: roll back the last deploy if one preceded the onset.',
    findings: top ? [finding(`Mitigations chosen for the best hypothesis (${top.category}).`, top.evidence)] : [],
    hypotheses: [],
    actions,
    questions: ['Which mitigation did you apply, and when?'],
  };
}
