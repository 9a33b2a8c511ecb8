import { z } from 'zod';

/**
 * Playbooks are data (YAML in playbooks/ and <repo>/.triage/playbooks/). The eight step IDs
 * are fixed: they are the report's public contract. A specialised playbook `extends` another
 * and overrides only what differs, step by step.
 */
export const STEP_IDS = [
  'assess',
  'golden-signals',
  'what-changed',
  'localize',
  'mitigate',
  'stabilize',
  'communicate',
  'close-out',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const EVIDENCE_KINDS = [
  'alert',
  'past-incidents',
  'signals',
  'logs',
  'changes',
  'dependencies',
  'config',
  'frames',
  'localization',
  'suspects',
  'hypotheses',
  'mitigations',
  'timeline',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const StepIdSchema = z.enum(STEP_IDS);

export const PlaybookStepSchema = z.strictObject({
  id: StepIdSchema,
  title: z.string().min(1),
  goal: z.string().min(1),
  checklist: z.array(z.string().min(1)).min(1),
  evidence: z.array(z.enum(EVIDENCE_KINDS)).default([]),
});
export type PlaybookStep = z.infer<typeof PlaybookStepSchema>;

/** In an extending playbook a step names its id and only the fields it changes. */
export const PlaybookStepOverrideSchema = z.strictObject({
  id: StepIdSchema,
  title: z.string().min(1).optional(),
  goal: z.string().min(1).optional(),
  checklist: z.array(z.string().min(1)).min(1).optional(),
  /** Items added after the inherited checklist (instead of replacing it). */
  addChecklist: z.array(z.string().min(1)).optional(),
  evidence: z.array(z.enum(EVIDENCE_KINDS)).optional(),
});
export type PlaybookStepOverride = z.infer<typeof PlaybookStepOverrideSchema>;

const PatternSchema = z.string().min(1).refine(
  (pattern) => {
    try {
      new RegExp(pattern, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

export const MatchSchema = z.strictObject({
  /** Regular expressions (case-insensitive) tried against the alert's text: title, message, error type, culprit, frames, tags. */
  any: z.array(PatternSchema).min(1),
  /** Restrict to these alert sources. */
  sources: z.array(z.enum(['sentry', 'alertmanager', 'generic'])).optional(),
});

export const PlaybookFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  name: z.string().min(1),
  description: z.string().min(1),
  extends: z.string().optional(),
  /** Higher wins when two playbooks match equally well. */
  priority: z.number().int().default(0),
  match: MatchSchema.optional(),
  /** Checked step by step afterwards: full steps, or overrides when the playbook extends another. */
  steps: z.array(z.unknown()).min(1),
});
export type PlaybookFile = Omit<z.infer<typeof PlaybookFileSchema>, 'steps'> & {
  steps: (PlaybookStep | PlaybookStepOverride)[];
};

/** A playbook after `extends` is resolved: always the eight steps, in order. */
export interface Playbook {
  id: string;
  name: string;
  description: string;
  priority: number;
  match: z.infer<typeof MatchSchema> | null;
  steps: PlaybookStep[];
  /** Where it was read from: the shipped playbooks/ or the repository's .triage/playbooks/. */
  origin: string;
}
