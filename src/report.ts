import { z } from 'zod';
import { ActionKindFields, CommandRunSchema, StabilizeReportSchema, StatusUpdateReportSchema } from './act/act-report.js';
import { AlertSchema } from './alert/schema.js';
import { STEP_IDS } from './playbook/schema.js';
import { SentryEvidenceSchema } from './sentry/evidence-types.js';

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
  /** Set on a model's hypotheses: false when one cites evidence triage does not have. */
  supported: z.boolean().optional(),
});

const ActionSchema = z.object({
  title: z.string(),
  command: z.string().nullable(),
  risk: z.enum(['read-only', 'reversible', 'risky']),
  why: z.string(),
  evidence: z.array(z.string()),
  ...ActionKindFields,
});

/**
 * Model usage as the API reported it: `inputTokens` is the uncached part of the prompt, so the
 * whole prompt is inputTokens + cacheReadTokens + cacheWriteTokens. costUsd is an estimate from
 * the price table in src/llm/models.ts.
 */
export const LlmUsageSchema = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  costUsd: z.number(),
});
export type LlmUsage = z.infer<typeof LlmUsageSchema>;

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
  /** What this step's model calls cost (the step, a repair, follow-up questions); null offline. */
  llm: LlmUsageSchema.nullable(),
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
      openActionItems: z.array(z.string()).optional(),
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
  /** The mitigation catalog for the best hypothesis (src/act/mitigations.ts), whichever helper answered the step. */
  mitigations: z.array(ActionSchema),
  /** The stabilize watch; null when none ran. */
  stabilize: StabilizeReportSchema.nullable(),
  /** Commands run during the session (confirmed by a person or allowed by --allow-run), with their output's tail. */
  commands: z.array(CommandRunSchema),
  /** Status updates drafted, sent, printed or skipped; webhook hosts only, never their URLs. */
  statusUpdates: z.array(StatusUpdateReportSchema),
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), text: z.string(), step: z.string().optional() })),
  postmortem: z.object({ path: z.string(), written: z.boolean() }),
  llm: LlmUsageSchema,
  /** What Sentry's API added (issue counts and stats, release, suspect commits, breadcrumbs); null when it was not asked. */
  sentry: SentryEvidenceSchema.nullable(),
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
