import type { Alert } from '../alert/schema.js';
import type { Evidence, Hypothesis } from '../evidence/types.js';
import type { MitigationKind } from '../act/mitigation-kinds.js';
import type { Playbook, PlaybookStep } from '../playbook/schema.js';
import type { LlmUsage } from '../report.js';

/**
 * One interface for every helper: the offline one (deterministic, embedded, the default) and
 * the Claude one. A helper reads the evidence and returns plain data; it never acts.
 */

export type HelperName = 'offline' | 'claude';

export interface Finding {
  text: string;
  /** Fact IDs this finding rests on (`commit:3f2a1b9`, `loc:route:/api/orders/:id`). */
  evidence: string[];
  /** False when it cites an ID the evidence does not contain: kept, but marked. */
  supported: boolean;
}

export type ActionRisk = 'read-only' | 'reversible' | 'risky';

export interface SuggestedAction {
  title: string;
  /** The exact command, when the action is one; shown, never run by the helper. */
  command: string | null;
  risk: ActionRisk;
  why: string;
  evidence: string[];
  /** The catalog's kind (rollback, restart, ...): what `--allow-run` names. Absent on a model's suggestions, which never run unattended. */
  kind?: MitigationKind;
  /** What it acts on (app, service, deployment, commit): typed out to confirm a risky command. */
  target?: string | null;
}

export interface StepOutput {
  summary: string;
  findings: Finding[];
  /** A model's hypotheses carry `supported` like findings do; the evidence's own always cite what exists. */
  hypotheses: (Hypothesis & { supported?: boolean })[];
  actions: SuggestedAction[];
  questions: string[];
}

export interface TimelineEntry {
  at: string;
  /** `deploy` and `breadcrumb` come from Sentry: the release deployed, the steps that led to the event. */
  kind: 'alert' | 'step' | 'note' | 'skip' | 'stop' | 'resume' | 'mitigated' | 'resolved' | 'postmortem' | 'deploy' | 'breadcrumb';
  text: string;
  step?: string;
}

/** A question the person asked Claude at a step, and the answer they got. */
export interface FollowUpExchange {
  question: string;
  answer: string;
}

export interface StepContext {
  step: PlaybookStep;
  stepIndex: number;
  playbook: Playbook;
  alert: Alert;
  evidence: Evidence;
  timeline: TimelineEntry[];
  /** What earlier steps concluded, and what the person asked there, so later steps can build on it. */
  previous: { id: string; output: StepOutput; followUps?: FollowUpExchange[] }[];
}

/** A step's answer with who gave it: a Claude helper that fell back says 'offline'. */
export interface StepAnswer {
  output: StepOutput;
  helper: HelperName;
  /** What the model calls for this answer cost, as the API reported it; null when none were made. */
  usage: LlmUsage | null;
}

export type FollowUpAnswer = { ok: true; answer: string; usage: LlmUsage } | { ok: false; reason: string; usage: null };

export interface Helper {
  readonly name: HelperName;
  runStep(context: StepContext): Promise<StepOutput>;
  /** Helpers that call a model implement this too, so the walk can record who answered and the cost. */
  answerStep?(context: StepContext): Promise<StepAnswer>;
  /** A free-text question at a step, answered from the same evidence; `onText` gets the answer as it streams. */
  followUp?(context: StepContext, question: string, current: StepOutput | null, onText: (text: string) => void): Promise<FollowUpAnswer>;
}
