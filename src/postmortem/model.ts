import { z } from 'zod';

/**
 * One postmortem entry as triage writes it and parses it back. The field names are the
 * `--from-json` contract; a 30-word solo entry needs only title, date, rootCause, fix, lesson.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** A time of day in an entry: `YYYY-MM-DD HH:MM` (UTC) or full ISO; kept as written. */
const when = z.string().min(1);

export const ActionItemSchema = z.object({
  text: z.string().min(1),
  owner: z.string().nullable().default(null),
  due: z.string().nullable().default(null),
  done: z.boolean().default(false),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const TimelineEventSchema = z.object({
  /** `YYYY-MM-DD HH:MM` UTC as written in the file. */
  time: z.string().min(1),
  text: z.string().min(1),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const PostmortemEntrySchema = z.object({
  title: z.string().min(1),
  date: isoDate,
  rootCause: z.string().min(1),
  fix: z.string().min(1),
  lesson: z.string().min(1),
  severity: z.string().nullable().default(null),
  category: z.string().nullable().default(null),
  status: z.string().nullable().default(null),
  impact: z.string().nullable().default(null),
  trigger: z.string().nullable().default(null),
  detection: z.string().nullable().default(null),
  /** When the impact began (often before anyone noticed): the start of time to detect and resolve. */
  startedAt: when.nullable().default(null),
  detectedAt: when.nullable().default(null),
  acknowledgedAt: when.nullable().default(null),
  mitigatedAt: when.nullable().default(null),
  resolvedAt: when.nullable().default(null),
  /** How long it lasted, as people write it ("1 h 48 min"); lint checks it against the times. */
  duration: z.string().nullable().default(null),
  alert: z.string().nullable().default(null),
  session: z.string().nullable().default(null),
  tags: z.array(z.string()).default([]),
  recurrenceOf: z.string().nullable().default(null),
  timeline: z.array(TimelineEventSchema).default([]),
  actionItems: z.array(ActionItemSchema).default([]),
  whatWentWell: z.string().nullable().default(null),
  whatWentWrong: z.string().nullable().default(null),
  whereWeGotLucky: z.string().nullable().default(null),
});
export type PostmortemEntry = z.infer<typeof PostmortemEntrySchema>;
export type PostmortemEntryInput = z.input<typeof PostmortemEntrySchema>;
