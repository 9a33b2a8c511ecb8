import { z } from 'zod';

/**
 * What Sentry adds to the evidence when triage can ask its API: the issue's counts and stats,
 * the release with its commits and deploys, Sentry's suspect commits and the event's
 * breadcrumbs. Plain data, saved with the session and printed in the report (`report.sentry`).
 */

export const SentryCommitSchema = z.object({
  sha: z.string(),
  shortSha: z.string(),
  subject: z.string(),
  author: z.string().nullable(),
  committedAt: z.string().nullable(),
  repository: z.string().nullable(),
  /** Why Sentry suspects it, in its words (`via SCM integration`, `via commit in release`); null for release commits. */
  suspectType: z.string().nullable(),
});
export type SentryCommit = z.infer<typeof SentryCommitSchema>;

export const SentryDeploySchema = z.object({
  id: z.string(),
  environment: z.string(),
  name: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type SentryDeploy = z.infer<typeof SentryDeploySchema>;

export const SentryEvidenceSchema = z.object({
  issue: z.object({
    id: z.string(),
    shortId: z.string().nullable(),
    url: z.string().nullable(),
    project: z.string().nullable(),
    status: z.string().nullable(),
    count: z.number().nullable(),
    userCount: z.number().nullable(),
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
  }),
  /** Events per bucket; `period` is Sentry's stats key (`auto` over the incident window, else `24h`). */
  stats: z.object({ period: z.string(), points: z.array(z.object({ at: z.string(), count: z.number() })) }).nullable(),
  release: z
    .object({
      version: z.string(),
      createdAt: z.string().nullable(),
      releasedAt: z.string().nullable(),
      commits: z.array(SentryCommitSchema),
      /** More commits exist than triage read (it stops after a few pages). */
      commitsTruncated: z.boolean(),
      deploys: z.array(SentryDeploySchema),
    })
    .nullable(),
  suspectCommits: z.array(SentryCommitSchema),
  breadcrumbs: z.array(z.object({ at: z.string(), category: z.string().nullable(), level: z.string().nullable(), message: z.string() })),
  /** What could not be fetched and why (a scope the token lacks, an endpoint this Sentry does not have). */
  notes: z.array(z.string()),
});
export type SentryEvidence = z.infer<typeof SentryEvidenceSchema>;
export type SentryBreadcrumb = SentryEvidence['breadcrumbs'][number];
export type SentryStats = NonNullable<SentryEvidence['stats']>;
export type SentryRelease = NonNullable<SentryEvidence['release']>;
