import type { Evidence } from '../evidence/types.js';
import type { Finding, StepOutput } from './types.js';

/**
 * Every claim is checked against the evidence it cites: an unknown ID does not void the claim
 * (the helper may still be right), but the finding is marked unsupported for the person to see.
 */
export function makeFindingFactory(evidence: Evidence): (text: string, ids?: string[]) => Finding {
  const known = new Set(evidence.facts.map((f) => f.id));
  return (text, ids = []) => ({ text, evidence: ids, supported: ids.every((id) => known.has(id)) });
}

export function emptyOutput(summary: string): StepOutput {
  return { summary, findings: [], hypotheses: [], actions: [], questions: [] };
}
