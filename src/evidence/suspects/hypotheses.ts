import type { Alert } from '../../alert/schema.js';
import type { Commit, Hypothesis, HypothesisCategory, LocalizationEntry, LogTemplate, MappedFrame, Signals, Suspect } from '../types.js';
import { classifyErrorNature, hasNature, routesOf, type ErrorNature } from './error-nature.js';
import { locFactId } from './rank-suspects.js';

export interface BuildHypothesesInput {
  suspects: Suspect[];
  commits: Commit[];
  alert: Alert;
  frames: MappedFrame[];
  signals: Signals;
  localization: LocalizationEntry[];
  templates: LogTemplate[];
}

/**
 * Candidate explanations, best first, each citing the facts it rests on. A strong suspect
 * commit makes an outside cause less likely and the reverse, so the confidences are weighed
 * against each other. The list always ends with an `unknown` fallback, so it is never empty.
 */
export function buildHypotheses(input: BuildHypothesesInput): Hypothesis[] {
  const nature = classifyErrorNature(input.alert, input.templates, routesOf(input.localization));
  const topScore = input.suspects[0]?.score ?? 0;
  const hypotheses = [
    ...suspectHypotheses(input.suspects, input.commits),
    ...externalHypothesis(nature, input.localization, topScore),
    ...saturationHypothesis(input.signals, nature, topScore),
  ].sort((a, b) => b.confidence - a.confidence);
  return [...hypotheses, unknownHypothesis(hypotheses)];
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

/** The two best suspects worth naming, as code, config, dependency or infrastructure changes. */
function suspectHypotheses(suspects: Suspect[], commits: Commit[]): Hypothesis[] {
  const hypotheses: Hypothesis[] = [];
  for (const suspect of suspects.slice(0, 2)) {
    const commit = commits.find((candidate) => candidate.sha === suspect.commit);
    if (!commit || suspect.score < 0.25) continue;
    const category = changeCategory(commit, suspect);
    const verdict = suspect.score >= 0.5 ? 'likely caused' : 'may have caused';
    const because = suspect.reasons[0] ? `: ${asClause(suspect.reasons[0])}` : '';
    hypotheses.push({
      summary: `${CATEGORY_NOUN[category]} ${commit.shortSha} ("${commit.subject}") ${verdict} the errors${because}.`,
      category,
      confidence: round(hypotheses.length === 0 ? suspect.score : suspect.score * 0.9),
      evidence: suspect.evidence,
    });
  }
  return hypotheses;
}

/** Reasons are written as predicates ("touches x", "committed 5 min before"); make them read after a colon. */
function asClause(reason: string): string {
  if (/^(it|its) /.test(reason)) return reason;
  if (reason.startsWith('committed ')) return `it was ${reason}`;
  return `it ${reason}`;
}

const CATEGORY_NOUN: Record<HypothesisCategory, string> = {
  'code-change': 'The code change in',
  'config-change': 'The configuration change in',
  'dependency-change': 'The dependency update in',
  'external-dependency': 'An upstream service',
  'resource-saturation': 'Resource exhaustion',
  infrastructure: 'The infrastructure change in',
  unknown: 'Something unknown',
};

/** What the suspect's own reasons rest on decides its category, then its change kinds. */
function changeCategory(commit: Commit, suspect: Suspect): HypothesisCategory {
  const lead = suspect.reasons[0] ?? '';
  if (/^(bumps|adds|removes) \S+/.test(lead) && suspect.evidence.some((id) => id.startsWith('dep:'))) return 'dependency-change';
  if (/^changes \S+ in \S+ from /.test(lead) || lead.startsWith('changes configuration')) return 'config-change';
  if (lead.startsWith('touches ') || commit.kinds.includes('code') || commit.kinds.includes('migration')) return 'code-change';
  if (commit.kinds.includes('dependency')) return 'dependency-change';
  if (commit.kinds.includes('config')) return 'config-change';
  if (commit.kinds.includes('infrastructure')) return 'infrastructure';
  return 'code-change';
}

function externalHypothesis(nature: ErrorNature, localization: LocalizationEntry[], topScore: number): Hypothesis[] {
  if (nature.upstreamHints.length === 0) return [];
  const hostEntries = localization.filter((entry) => entry.dimension === 'host' && nature.externalHosts.includes(entry.value.toLowerCase()));
  const evidence = [...nature.upstreamHints.flatMap((hint) => hint.evidence), ...hostEntries.map((entry) => locFactId(entry.id))];
  const strength = Math.min(0.85, 0.35 + 0.15 * nature.upstreamHints.length);
  const who = nature.externalHosts[0] ?? 'a service this one calls';
  const hints = nature.upstreamHints.map((hint) => hint.hint).join('; ');
  return [
    {
      summary: `${who} is failing or refusing calls, not this service's own change: ${hints}.`,
      category: 'external-dependency',
      confidence: round(strength * (1 - 0.6 * topScore)),
      evidence: [...new Set(evidence)],
    },
  ];
}

function saturationHypothesis(signals: Signals, nature: ErrorNature, topScore: number): Hypothesis[] {
  const hints = signals.saturation.map((entry) => entry.hint);
  if (hasNature(nature, 'memory')) hints.push('the error reports memory exhaustion');
  if (hints.length === 0) return [];
  // Fact IDs follow facts.ts: the first five saturation hints, numbered from 1.
  const evidence = signals.saturation.slice(0, 5).map((_, i) => `saturation:${i + 1}`);
  if (signals.onset) evidence.push('signal:onset');
  const strength = Math.min(0.75, 0.3 + 0.12 * hints.length);
  return [
    {
      summary: `The service ran out of capacity: ${[...new Set(hints)].slice(0, 3).join('; ')}.`,
      category: 'resource-saturation',
      confidence: round(strength * (1 - 0.5 * topScore)),
      evidence,
    },
  ];
}

function unknownHypothesis(others: Hypothesis[]): Hypothesis {
  const best = others[0]?.confidence ?? 0;
  return {
    summary: 'No collected fact explains the alert well: check deploys and manual changes outside git, provider status pages and traffic.',
    category: 'unknown',
    confidence: round(best >= 0.5 ? 0.05 : 0.15),
    evidence: [],
  };
}
