import { z } from 'zod';
import type { Fact } from '../evidence/types.js';
import type { StepOutput } from '../helpers/types.js';
import { formatZodIssues } from '../alert/payload-error.js';

/**
 * What Claude returns for a step, as the input of the `record_step` tool. The JSON schema the
 * model sees is generated from this zod schema, and its answer is validated against it again:
 * the API does not promise the model kept to the schema.
 */

const Ids = z.array(z.string().max(200)).max(8).default([]).describe('Evidence IDs from the evidence index this rests on');

export const StepAnalysisSchema = z.object({
  summary: z.string().min(1).max(800).describe('One or two sentences: the conclusion of this step'),
  findings: z.array(z.object({ text: z.string().min(1).max(800), evidence: Ids })).max(8).default([]),
  hypotheses: z
    .array(
      z.object({
        summary: z.string().min(1).max(600),
        category: z.enum(['code-change', 'config-change', 'dependency-change', 'external-dependency', 'resource-saturation', 'infrastructure', 'unknown']),
        confidence: z.number().min(0).max(1),
        evidence: Ids,
      }),
    )
    .max(4)
    .default([]),
  actions: z
    .array(
      z.object({
        title: z.string().min(1).max(300),
        command: z.string().max(500).nullable().default(null).describe('The exact shell command, or null when the action is not one'),
        risk: z.enum(['read-only', 'reversible', 'risky']),
        why: z.string().max(600).default(''),
        evidence: Ids,
      }),
    )
    .max(5)
    .default([]),
  questions: z.array(z.string().min(1).max(300)).max(3).default([]).describe('What to ask the person, if anything'),
});
export type StepAnalysis = z.infer<typeof StepAnalysisSchema>;

export const STEP_TOOL_NAME = 'record_step';

/** The tool definition: stable across steps, so it is part of the cached prefix. */
export function stepTool(): { name: string; description: string; input_schema: { type: 'object'; [key: string]: unknown } } {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(StepAnalysisSchema, { io: 'input' }) as Record<string, unknown>;
  return {
    name: STEP_TOOL_NAME,
    description: 'Record your analysis of the current playbook step. Call it exactly once per step.',
    input_schema: { ...schema, type: 'object' },
  };
}

export type ParsedStep = { ok: true; output: StepOutput } | { ok: false; problem: string };

/**
 * A model's text goes to a terminal: escape sequences and other control characters (which could
 * rewrite the screen or hide a command) are dropped; newlines and tabs stay.
 */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControl(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)])) as T;
  return value;
}

/**
 * Validate the tool input and turn it into a StepOutput. A claim citing an ID the evidence does
 * not hold is kept but marked unsupported: the rest of the answer still stands. Keys the schema
 * does not name are dropped, which matters: a model cannot give its suggestion a catalog `kind`
 * that `--allow-run` would run unattended.
 */
export function parseStepAnalysis(input: unknown, facts: Fact[]): ParsedStep {
  const parsed = StepAnalysisSchema.safeParse(cleanDeep(input));
  if (!parsed.success) return { ok: false, problem: formatZodIssues(parsed.error.issues) };
  const known = new Set(facts.map((f) => f.id));
  const supported = (ids: string[]): boolean => ids.every((id) => known.has(id));
  const a = parsed.data;
  return {
    ok: true,
    output: {
      summary: a.summary.trim(),
      findings: a.findings.map((f) => ({ text: f.text.trim(), evidence: f.evidence, supported: supported(f.evidence) })),
      hypotheses: a.hypotheses.map((h) => ({ ...h, supported: supported(h.evidence) })),
      actions: a.actions.map((x) => ({ ...x, command: x.command?.trim() ? x.command.trim() : null })),
      questions: a.questions,
    },
  };
}
