import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatZodIssues } from '../alert/payload-error.js';

/** Commander has already split the flags; zod checks what they mean, all problems at once. */
export function parseOptions<T>(schema: z.ZodType<T>, options: Record<string, unknown>, command: string): T {
  const result = schema.safeParse(options);
  if (!result.success) throw new InputError(`invalid options for \`triage ${command}\`: ${formatZodIssues(result.error.issues)}`);
  return result.data;
}

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
  input: z.boolean().default(true),
  json: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  llm: z.boolean().default(true),
  offline: z.boolean().default(false),
  debug: z.boolean().optional(),
});
export type RunOptions = z.infer<typeof RunOptionsSchema>;
