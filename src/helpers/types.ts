import type { Alert } from '../alert/schema.js';
import type { Evidence, Hypothesis } from '../evidence/types.js';
import type { Playbook, PlaybookStep } from '../playbook/schema.js';

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
}

export interface StepOutput {
  summary: string;
  findings: Finding[];
  hypotheses: Hypothesis[];
  actions: SuggestedAction[];
  questions: string[];
}

export interface TimelineEntry {
  at: string;
  kind: 'alert' | 'step' | 'note' | 'skip' | 'stop' | 'resume' | 'mitigated' | 'resolved' | 'postmortem';
  text: string;
  step?: string;
}

export interface StepContext {
  step: PlaybookStep;
  stepIndex: number;
  playbook: Playbook;
  alert: Alert;
  evidence: Evidence;
  timeline: TimelineEntry[];
  /** What earlier steps concluded, so later steps can build on it. */
  previous: { id: string; output: StepOutput }[];
}

export interface Helper {
  readonly name: HelperName;
  runStep(context: StepContext): Promise<StepOutput>;
}
