import { z } from 'zod';
import { AlertSchema } from './alert/schema.js';
import { STEP_IDS } from './playbook/schema.js';

/**
 * The incident report printed by `--json`: a public contract that scripts rely on.
 * Fields are only ever added, never renamed. Documented in the README ("The report").
 */

const FindingSchema = z.object({ text: z.string(), evidence: z.array(z.string()), supported: z.boolean() });

export const HypothesisSchema = z.object({
  summary: z.string(),
  category: z.enum([
    'code-change',
    'config-change',
    'dependency-change',
    'external-dependency',
    'resource-saturation',
    'infrastructure',
    'unknown',
  ]),
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string()),
});

const ActionSchema = z.object({
  title: z.string(),
  command: z.string().nullable(),
  risk: z.enum(['read-only', 'reversible', 'risky']),
  why: z.string(),
  evidence: z.array(z.string()),
});

export const StepReportSchema = z.object({
  id: z.enum(STEP_IDS),
  title: z.string(),
  status: z.enum(['done', 'skipped', 'pending']),
  summary: z.string(),
  findings: z.array(FindingSchema),
  hypotheses: z.array(HypothesisSchema),
  actions: z.array(ActionSchema),
  questions: z.array(z.string()),
  helper: z.enum(['offline', 'claude']).nullable(),
  notes: z.array(z.string()),
  finishedAt: z.string().nullable(),
});
export type StepReport = z.infer<typeof StepReportSchema>;

export const SuspectSchema = z.object({
  commit: z.string().regex(/^[0-9a-f]{40,64}$/),
  shortSha: z.string(),
  subject: z.string(),
  author: z.string(),
  committedAt: z.string(),
  files: z.array(z.string()),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  evidence: z.array(z.string()),
});

const LatencySchema = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });
const GoldenSignalsSchema = z.object({
  minutes: z.number(),
  requestsPerMin: z.number(),
  errorRate: z.number(),
  errorsPerMin: z.number(),
  latencyMs: LatencySchema,
  failedLatencyMs: LatencySchema,
});

export const SignalsSchema = z.object({
  source: z.enum(['logs', 'sentry', 'none']),
  onset: z.string().nullable(),
  onsetSignal: z.enum(['errors', 'latency', 'traffic']).nullable(),
  before: GoldenSignalsSchema.nullable(),
  after: GoldenSignalsSchema.nullable(),
  saturation: z.array(z.object({ hint: z.string(), evidence: z.string(), sample: z.string(), count: z.number() })),
  series: z.array(z.object({ minute: z.string(), requests: z.number(), errors: z.number(), p95: z.number().nullable() })),
});

export const LocalizationSchema = z.object({
  id: z.string(),
  dimension: z.enum(['route', 'method', 'status', 'host', 'release', 'error']),
  value: z.string(),
  share: z.number(),
  lift: z.number(),
  count: z.number(),
  metric: z.enum(['errors', 'latency']),
});

export const LlmUsageSchema = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  costUsd: z.number(),
});
export type LlmUsage = z.infer<typeof LlmUsageSchema>;

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  triageVersion: z.string(),
  session: z.object({
    id: z.string(),
    status: z.enum(['in-progress', 'stopped', 'completed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    dryRun: z.boolean(),
    drill: z.boolean(),
  }),
  alert: AlertSchema.omit({ raw: true }),
  playbook: z.object({ id: z.string(), name: z.string(), reason: z.string() }),
  window: z.object({ changesSince: z.string(), logsFrom: z.string(), logsTo: z.string() }),
  steps: z.array(StepReportSchema).length(STEP_IDS.length),
  suspects: z.array(SuspectSchema),
  signals: SignalsSchema,
  localization: z.array(LocalizationSchema),
  hypotheses: z.array(HypothesisSchema),
  pastIncidents: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      title: z.string(),
      line: z.number(),
      rootCause: z.string().nullable(),
      fix: z.string().nullable(),
      similarity: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
  evidence: z.object({
    facts: z.array(z.object({ id: z.string(), kind: z.string(), summary: z.string() })),
    logSources: z.array(
      z.object({
        path: z.string(),
        format: z.string(),
        dialect: z.string().nullable(),
        lines: z.number(),
        parsed: z.number(),
        unparsed: z.number(),
        inWindow: z.number(),
        seekedTo: z.number(),
      }),
    ),
    commitsInWindow: z.number().int(),
    notes: z.array(z.string()),
  }),
  /** Filled by the mitigation catalog; today the mitigate step's suggested actions. */
  mitigations: z.array(ActionSchema),
  stabilize: z.object({ recovered: z.boolean(), recoveredAt: z.string().nullable() }).nullable(),
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), text: z.string(), step: z.string().optional() })),
  postmortem: z.object({ path: z.string(), written: z.boolean() }),
  llm: LlmUsageSchema,
});
export type Report = z.infer<typeof ReportSchema>;

export const ZERO_LLM_USAGE: LlmUsage = {
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
};
