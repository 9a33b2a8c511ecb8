import { z } from 'zod';
import { MITIGATION_KINDS } from './mitigation-kinds.js';

/** The report's acting fields (src/report.ts): added to the public contract, never renamed. */

/** Fields a catalog action adds to `{title, command, risk, why, evidence}`. */
export const ActionKindFields = {
  kind: z.enum(MITIGATION_KINDS).optional(),
  target: z.string().nullable().optional(),
};

export const StabilizeReportSchema = z.object({
  recovered: z.boolean(),
  recoveredAt: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  reason: z.string(),
  holdSeconds: z.number(),
  pollSeconds: z.number(),
  watchSeconds: z.number(),
  polls: z.number().int(),
  healthUrls: z.array(z.string()),
  logFiles: z.array(z.string()),
  baseline: z.boolean(),
  checks: z.array(z.object({ kind: z.enum(['retry-storm', 'cascade']), text: z.string() })),
});

export const CommandRunSchema = z.object({
  at: z.string(),
  step: z.string(),
  title: z.string(),
  kind: z.enum(MITIGATION_KINDS).nullable(),
  risk: z.enum(['read-only', 'reversible', 'risky']),
  command: z.string(),
  exitCode: z.number().int().nullable(),
  output: z.string(),
  unattended: z.boolean(),
});

export const StatusUpdateReportSchema = z.object({
  at: z.string(),
  step: z.string().nullable(),
  text: z.string(),
  outcome: z.enum(['sent', 'failed', 'printed', 'dry-run', 'skipped']),
  deliveries: z.array(
    z.object({
      destination: z.enum(['slack', 'discord', 'webhook']),
      host: z.string(),
      ok: z.boolean(),
      attempts: z.number().int(),
      status: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
