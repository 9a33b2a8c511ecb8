import { z } from 'zod';
import { InputError } from '../errors.js';
import { jsonPathLine } from '../util/json-locate.js';
import { isValidIsoDate, timeValue } from './lint/dates.js';
import { PostmortemEntrySchema, type PostmortemEntry } from './model.js';

/**
 * `triage postmortem --from-json FILE`: one entry as a JSON object, the public contract for
 * scripts. Required: title, date, rootCause, fix, lesson. Unknown keys are errors (a typo such as
 * `root_cause` would otherwise drop the value silently). Every problem is reported at once.
 */

const text = (what: string) => z.string({ error: `expected ${what} as a string` }).trim().min(1, `${what} must not be empty`);
const optionalText = z.string({ error: 'expected a string' }).nullable().optional();
const realDate = z.string({ error: 'expected a date as a string' }).refine(isValidIsoDate, 'expected a real date written YYYY-MM-DD');
const time = z
  .string({ error: 'expected a time as a string' })
  .refine((value) => timeValue(value, '2000-01-01') !== null, 'expected a time such as "2024-05-01 10:02" (UTC), an ISO time, or "10:02" on the entry date')
  .nullable()
  .optional();

const ActionItemJsonSchema = z.strictObject({
  text: text('the action item text'),
  owner: optionalText,
  due: realDate.nullable().optional(),
  done: z.boolean({ error: 'expected true or false' }).optional(),
});

export const FromJsonEntrySchema = z.strictObject({
  title: text('title'),
  date: realDate,
  rootCause: text('rootCause'),
  fix: text('fix'),
  lesson: text('lesson'),
  severity: optionalText,
  impact: optionalText,
  trigger: optionalText,
  detection: optionalText,
  detectedAt: time,
  acknowledgedAt: time,
  mitigatedAt: time,
  resolvedAt: time,
  tags: z.array(z.string({ error: 'expected each tag as a string' }), { error: 'expected an array of strings' }).optional(),
  recurrenceOf: optionalText,
  actionItems: z.array(ActionItemJsonSchema, { error: 'expected an array of {text, owner, due, done}' }).optional(),
  whatWentWell: optionalText,
  whatWentWrong: optionalText,
  whereWeGotLucky: optionalText,
  // Also accepted, as the markdown can hold them: the impact start, the duration, a timeline.
  startedAt: time,
  duration: optionalText,
  category: optionalText,
  status: optionalText,
  alert: optionalText,
  session: optionalText,
  timeline: z.array(z.strictObject({ time: text('the event time'), text: text('the event text') }), { error: 'expected an array of {time, text}' }).optional(),
});
export type FromJsonEntry = z.infer<typeof FromJsonEntrySchema>;

const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('') || '(root)';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), root);
}

function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && valueAt(root, issue.path) === undefined) return 'required';
  return issue.message;
}

/** Validates the parsed JSON and turns it into an entry; `origin` names the file in every message. */
export function entryFromJson(value: unknown, source: { origin: string; text: string }): PostmortemEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${source.origin} must hold one JSON object (an entry), not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}.`);
  }
  const result = FromJsonEntrySchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const line = jsonPathLine(source.text, issue.path);
      return `${source.origin}${line ? `:${line}` : ''}: ${formatPath(issue.path)}: ${issueMessage(issue, value)}`;
    });
    throw new InputError(`the entry is not valid:\n  ${problems.join('\n  ')}`, {
      hint: 'Required: title, date, rootCause, fix, lesson. See "triage postmortem" in the README for every field.',
    });
  }
  return PostmortemEntrySchema.parse(result.data);
}
