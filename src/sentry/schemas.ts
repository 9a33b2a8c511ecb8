import { z } from 'zod';
import { formatZodIssues } from '../alert/payload-error.js';
import { SentryUnavailableError } from './errors.js';

/**
 * The parts of Sentry's API answers triage reads, checked at the boundary. Loose objects: Sentry
 * adds fields all the time, and triage must not break when it does.
 */

const id = z.union([z.string().min(1), z.number()]);
const text = z.string().nullish();

export const ApiIssueSchema = z.looseObject({
  id,
  title: z.string().min(1),
  shortId: text,
  permalink: text,
  status: text,
  level: text,
  count: z.union([z.string(), z.number()]).nullish(),
  userCount: z.number().nullish(),
  firstSeen: text,
  lastSeen: text,
  project: z.looseObject({ id: id.nullish(), slug: text }).nullish(),
  stats: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))).nullish(),
  firstRelease: z.looseObject({ version: z.string() }).nullish(),
  lastRelease: z.looseObject({ version: z.string() }).nullish(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

/** The API's events are camelCase (`eventID`); raw and older ones snake_case (`event_id`). */
export const ApiEventSchema = z
  .looseObject({ eventID: z.string().min(1).optional(), event_id: z.string().min(1).optional() })
  .refine((event) => event.eventID !== undefined || event.event_id !== undefined, { message: 'expected eventID or event_id' });

export const ShortIdSchema = z.looseObject({
  groupId: id,
  organizationSlug: text,
  projectSlug: text,
  shortId: text,
});

const CommitAuthorSchema = z.looseObject({ name: text, email: text }).nullish();

export const ApiCommitSchema = z.looseObject({
  id: z.string().min(1),
  message: text,
  dateCreated: text,
  author: CommitAuthorSchema,
  repository: z.looseObject({ name: text }).nullish(),
  suspectCommitType: text,
});
export type ApiCommit = z.infer<typeof ApiCommitSchema>;

export const CommittersSchema = z.looseObject({
  committers: z.array(z.looseObject({ author: CommitAuthorSchema, commits: z.array(ApiCommitSchema) })),
});

export const ApiReleaseSchema = z.looseObject({
  version: z.string().min(1),
  dateCreated: text,
  dateReleased: text,
  commitCount: z.number().nullish(),
  deployCount: z.number().nullish(),
});

export const ApiDeploySchema = z.looseObject({
  id,
  environment: z.string(),
  name: text,
  url: text,
  dateStarted: text,
  dateFinished: text,
});

export const IssueStatsSchema = z.array(
  z.looseObject({ id, stats: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))).nullish() }),
);

/** Validates an answer, or says which request came back in a shape triage cannot read. */
export function parseApiAnswer<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new SentryUnavailableError(`Sentry's answer for ${what} is not in the shape triage expects: ${formatZodIssues(result.error.issues, 4)}`, {
    hint: 'Your Sentry may be older or newer than triage knows; please report this with the Sentry version.',
  });
}
