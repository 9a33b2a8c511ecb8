import type { z } from 'zod';
import { InputError } from '../errors.js';

/**
 * Parsing never knows where the payload came from, so its errors speak of "the alert payload";
 * `nameAlertOrigin` lets the caller put the file name (or "stdin") in its place.
 */
export class AlertPayloadError extends InputError {
  /** The sentence without its subject: `is not a recognised alert: ...`. */
  readonly problem: string;

  constructor(problem: string, options: { hint?: string } = {}) {
    super(`The alert payload ${problem}`, options);
    this.problem = problem;
  }
}

/** `nameAlertOrigin(error, 'alert.json')` → "alert.json is not a recognised alert: ...". */
export function nameAlertOrigin(error: unknown, origin: string): unknown {
  if (!(error instanceof AlertPayloadError)) return error;
  return new InputError(`${origin} ${error.problem}`, error.hint === undefined ? {} : { hint: error.hint });
}

/** zod issues as `path: message`, all of them, so one run shows everything that is wrong. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], limit = 8): string {
  const lines = issues.slice(0, limit).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > limit ? `; and ${issues.length - limit} more` : '';
  return lines.join('; ') + more;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** Validates with zod and turns failure into an AlertPayloadError naming the expected format. */
export function parseWith<T>(schema: z.ZodType<T>, payload: unknown, formatLabel: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  throw new AlertPayloadError(`does not match the ${formatLabel} format: ${formatZodIssues(result.error.issues)}.`);
}
