import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatZodIssues } from '../alert/payload-error.js';
import { ActOptionsShape } from '../act/act-settings.js';

/** Commander has already split the flags; zod checks what they mean, all problems at once. */
export function parseOptions<T>(schema: z.ZodType<T>, options: Record<string, unknown>, command: string): T {
  const result = schema.safeParse(options);
  if (!result.success) throw new InputError(`invalid options for \`triage ${command}\`: ${formatZodIssues(result.error.issues)}`);
  return result.data;
}

/** The Claude helper's flags, shared by `triage <alert>` and `resume`. */
export const ClaudeOptionsShape = {
  /** Default: TRIAGE_MODEL, else the current default model (src/llm/models.ts). */
  model: z.string().min(1).optional(),
  maxTokensBudget: z.coerce.number().int().positive().optional(),
  /** Seconds triage waits for Claude on one step, retries included. */
  llmTimeout: z.coerce.number().positive().max(3600).optional(),
  showPrompt: z.boolean().default(false),
};

export const RunOptionsSchema = z.object({
  repo: z.string().min(1),
  logs: z.array(z.string().min(1)).default([]),
  format: z
    .enum(['sentry-event-alert', 'sentry-issue', 'sentry-metric-alert', 'sentry-error', 'sentry-legacy', 'sentry-api', 'alertmanager', 'generic'])
    .optional(),
  since: z.string().default('24h'),
  window: z.string().default('2h'),
  playbook: z.string().optional(),
  postmortems: z.string().optional(),
  org: z.string().optional(),
  /** A file holding the Sentry auth token (instead of SENTRY_AUTH_TOKEN). */
  tokenFile: z.string().min(1).optional(),
  /** The webhook's Sentry-Hook-Signature: the body is checked against SENTRY_CLIENT_SECRET first. */
  signature: z.string().min(1).optional(),
  input: z.boolean().default(true),
  json: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  llm: z.boolean().default(true),
  offline: z.boolean().default(false),
  ...ClaudeOptionsShape,
  ...ActOptionsShape,
  debug: z.boolean().optional(),
});
export type RunOptions = z.infer<typeof RunOptionsSchema>;
