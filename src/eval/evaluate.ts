import type { Evidence, Suspect } from '../evidence/types.js';
import { CRITERIA, type Criterion, type CriterionResult, type EvalTotals, type ExpectedDiagnosis, type ScenarioResult } from './types.js';

/**
 * Scoring one diagnosis against the expected answer. Pure: evidence in, verdicts out.
 *   suspect  — the culprit is suspects[0] and scores at least BLAME_THRESHOLD; with no culprit,
 *              no commit reaches the threshold;
 *   category — hypotheses[0].category;
 *   route    — the first `route` entry of the localization;
 *   onset    — within ONSET_TOLERANCE_MS of the expected minute (both null also agrees).
 */

export const BLAME_THRESHOLD = 0.5;
export const ONSET_TOLERANCE_MS = 2 * 60_000;

export type Diagnosis = Pick<Evidence, 'suspects' | 'hypotheses' | 'localization' | 'signals'>;

const quote = (suspect: Suspect): string => `"${suspect.subject}" (${suspect.score.toFixed(2)})`;

function judgeSuspect(expected: string | null, suspects: Suspect[]): CriterionResult {
  const top = suspects[0];
  if (top === undefined) return { pass: expected === null, found: 'no suspects', expected: expected === null ? 'no commit' : `"${expected}"` };
  const blamed = top.score >= BLAME_THRESHOLD;
  if (expected === null) return { pass: !blamed, found: blamed ? quote(top) : `none >= ${BLAME_THRESHOLD} (top ${quote(top)})`, expected: 'no commit' };
  if (top.subject === expected) return { pass: blamed, found: blamed ? quote(top) : `${quote(top)}, below ${BLAME_THRESHOLD}`, expected: `"${expected}"` };
  const rank = suspects.findIndex((suspect) => suspect.subject === expected);
  const culprit = rank === -1 ? 'culprit not ranked' : `culprit #${rank + 1} at ${suspects[rank]?.score.toFixed(2)}`;
  return { pass: false, found: `${quote(top)}; ${culprit}`, expected: `"${expected}"` };
}

function judgeCategory(expected: ExpectedDiagnosis['category'], diagnosis: Diagnosis): CriterionResult {
  const found = diagnosis.hypotheses[0]?.category ?? 'no hypothesis';
  return { pass: found === expected, found, expected };
}

function judgeRoute(expected: string | null, diagnosis: Diagnosis): CriterionResult {
  const top = diagnosis.localization.find((entry) => entry.dimension === 'route');
  const found = top?.value ?? null;
  return { pass: found === expected, found: found ?? 'no route', expected: expected ?? 'no route' };
}

function judgeOnset(expected: string | null, diagnosis: Diagnosis): CriterionResult {
  const found = diagnosis.signals.onset;
  const pass = expected === null || found === null ? expected === found : Math.abs(Date.parse(found) - Date.parse(expected)) <= ONSET_TOLERANCE_MS;
  return { pass, found: found ?? 'no onset', expected: expected ?? 'no onset' };
}

export function judgeDiagnosis(expected: ExpectedDiagnosis, diagnosis: Diagnosis): Record<Criterion, CriterionResult> {
  return {
    suspect: judgeSuspect(expected.suspect, diagnosis.suspects),
    category: judgeCategory(expected.category, diagnosis),
    route: judgeRoute(expected.route, diagnosis),
    onset: judgeOnset(expected.onset, diagnosis),
  };
}

/** Commits other than the culprit that the ranking calls likely causes. */
export function falselyBlamed(expected: ExpectedDiagnosis, suspects: Suspect[]): string[] {
  return suspects.filter((suspect) => suspect.score >= BLAME_THRESHOLD && suspect.subject !== expected.suspect).map((suspect) => suspect.subject);
}

export function scoreScenario(
  scenario: { id: string; title: string; expected: ExpectedDiagnosis },
  diagnosis: Diagnosis,
  durationMs: number,
): ScenarioResult {
  const criteria = judgeDiagnosis(scenario.expected, diagnosis);
  const falseBlame = falselyBlamed(scenario.expected, diagnosis.suspects);
  const pass = CRITERIA.every((criterion) => criteria[criterion].pass);
  return { id: scenario.id, title: scenario.title, criteria, falseBlame, pass, durationMs };
}

/** A scenario that could not be built or diagnosed fails every criterion. */
export function brokenScenario(scenario: { id: string; title: string; expected: ExpectedDiagnosis }, error: string, durationMs: number): ScenarioResult {
  const failed = (expected: string | null): CriterionResult => ({ pass: false, found: 'error', expected: expected ?? 'none' });
  const { expected } = scenario;
  const criteria = { suspect: failed(expected.suspect), category: failed(expected.category), route: failed(expected.route), onset: failed(expected.onset) };
  return { id: scenario.id, title: scenario.title, criteria, falseBlame: [], pass: false, error, durationMs };
}

export function summarize(results: ScenarioResult[]): EvalTotals {
  const correct = Object.fromEntries(CRITERIA.map((criterion) => [criterion, results.filter((result) => result.criteria[criterion].pass).length])) as Record<Criterion, number>;
  return {
    scenarios: results.length,
    passed: results.filter((result) => result.pass).length,
    correct,
    falseBlame: results.filter((result) => result.falseBlame.length > 0).length,
  };
}
