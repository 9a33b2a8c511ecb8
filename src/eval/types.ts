import type { HypothesisCategory } from '../evidence/types.js';
import type { TrafficSpec } from './traffic.js';
import type { LogFormat } from './log-formats.js';

/**
 * The diagnosis evaluation's data: a scenario is a small incident (dated git history, an alert
 * payload, logs) with the answer a careful engineer would give. Times are minutes relative to
 * the alert's firing time, so a scenario reads like an incident timeline.
 */

export interface ScenarioCommit {
  /** Minutes relative to the alert firing (negative = before). */
  at: number;
  message: string;
  /** Path -> new content; null deletes the file. */
  files: Record<string, string | null>;
  author?: string;
  /** An annotated tag on this commit (`v2.3.0`). */
  tag?: string;
  /** Makes this a merge commit of a side branch holding these commits (a merged pull request). */
  merges?: { branch: string; commits: ScenarioCommit[] };
}

export interface ScenarioLog {
  /** Where the file is written, relative to the scenario directory. */
  path: string;
  format: LogFormat;
  traffic: TrafficSpec;
}

/** The answer: what a person who knew the whole story would conclude. */
export interface ExpectedDiagnosis {
  /** Subject of the culprit commit, or null when no commit caused it. */
  suspect: string | null;
  category: HypothesisCategory;
  /** Top localized route (normalized, `/api/orders/:id`), or null when none should stand out. */
  route: string | null;
  /** ISO minute the errors (or latency) began, or null when nothing says so. */
  onset: string | null;
}

export interface Scenario {
  id: string;
  title: string;
  /** ISO time the alert fired: the incident clock every `at` is measured from. */
  firedAt: string;
  /** The repository as it stood days before the incident, outside the change window. */
  base: Record<string, string>;
  commits: ScenarioCommit[];
  /** The payload exactly as the sender would POST it. */
  alert: unknown;
  logs: ScenarioLog[];
  expected: ExpectedDiagnosis;
  /** Why the expected answer is right, when it is not obvious. */
  note?: string;
}

export type Criterion = 'suspect' | 'category' | 'route' | 'onset';
export const CRITERIA: Criterion[] = ['suspect', 'category', 'route', 'onset'];

export interface CriterionResult {
  pass: boolean;
  /** What the diagnosis said, for the report line when it is wrong. */
  found: string;
  expected: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  criteria: Record<Criterion, CriterionResult>;
  /** Subjects of non-culprit commits that scored at or above the blame threshold. */
  falseBlame: string[];
  pass: boolean;
  /** Set when the scenario could not be built or diagnosed at all. */
  error?: string;
  durationMs: number;
}

export interface EvalTotals {
  scenarios: number;
  passed: number;
  correct: Record<Criterion, number>;
  falseBlame: number;
}

export interface EvalResult {
  results: ScenarioResult[];
  totals: EvalTotals;
  pass: boolean;
  durationMs: number;
}
