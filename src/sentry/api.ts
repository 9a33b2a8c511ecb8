import type { JsonRecord } from '../alert/json-values.js';
import { SentryNotFoundError } from './errors.js';
import type { SentryHttp } from './http.js';
import {
  ApiCommitSchema,
  ApiDeploySchema,
  ApiEventSchema,
  ApiIssueSchema,
  ApiReleaseSchema,
  CommittersSchema,
  IssueStatsSchema,
  ShortIdSchema,
  parseApiAnswer,
  type ApiCommit,
  type ApiIssue,
} from './schemas.js';
import { z } from 'zod';

/**
 * The endpoints triage reads (all GET, all within scope event:read, releases also project:read).
 * Organization-scoped routes when the org is known; the older /issues/{id}/ routes otherwise,
 * which self-hosted Sentry still serves for links without an organization.
 */

const seg = encodeURIComponent;

export interface Fetched<T> {
  /** Validated fields triage reads. */
  value: T;
  /** The answer as Sentry sent it, for the alert parsers and the raw payload. */
  raw: JsonRecord;
}

export interface StatsWindow {
  from: string;
  to: string;
}

export class SentryApi {
  constructor(readonly http: SentryHttp) {}

  async issue(org: string | null, issueId: string): Promise<Fetched<ApiIssue>> {
    const what = `issue ${issueId}${org === null ? '' : ` in organization ${org}`}`;
    const path = org === null ? `/issues/${seg(issueId)}/` : `/organizations/${seg(org)}/issues/${seg(issueId)}/`;
    const raw = await this.http.get({ path, what });
    return { value: parseApiAnswer(ApiIssueSchema, raw, what), raw: raw as JsonRecord };
  }

  /** Short ID (`SHOP-1A2`) → numeric issue ID. */
  async resolveShortId(org: string, shortId: string): Promise<string> {
    const what = `short ID ${shortId} in organization ${org}`;
    const body = await this.http.get({ path: `/organizations/${seg(org)}/shortids/${seg(shortId)}/`, what });
    return String(parseApiAnswer(ShortIdSchema, body, what).groupId);
  }

  /** `eventId` may be a hex ID or latest / oldest / recommended. */
  async event(org: string | null, issueId: string, eventId: string): Promise<JsonRecord> {
    const what = `${/^[0-9a-f-]{32,36}$/i.test(eventId) ? `event ${eventId}` : `the ${eventId} event`} of issue ${issueId}`;
    const base = org === null ? `/issues/${seg(issueId)}` : `/organizations/${seg(org)}/issues/${seg(issueId)}`;
    const raw = await this.http.get({ path: `${base}/events/${seg(eventId)}/`, what });
    parseApiAnswer(ApiEventSchema, raw, what);
    return raw as JsonRecord;
  }

  /** Event counts over the incident window; `groupStatsPeriod=auto` picks buckets to fit it. */
  async issueStats(org: string, issueId: string, window: StatsWindow): Promise<{ period: string; points: [number, number][] } | null> {
    const what = `stats of issue ${issueId}`;
    const body = await this.http.get({
      path: `/organizations/${seg(org)}/issues-stats/`,
      query: { groups: issueId, start: window.from, end: window.to, groupStatsPeriod: 'auto' },
      what,
    });
    const entry = parseApiAnswer(IssueStatsSchema, body, what).find((item) => String(item.id) === issueId);
    const period = entry?.stats ? (Object.keys(entry.stats)[0] ?? null) : null;
    return period === null || !entry?.stats ? null : { period, points: entry.stats[period] ?? [] };
  }

  /** Sentry's suspect commits for an event; a 404 is its way of saying it has none. */
  async committers(org: string, project: string, eventId: string): Promise<ApiCommit[]> {
    const what = `suspect commits of event ${eventId}`;
    try {
      const body = await this.http.get({ path: `/projects/${seg(org)}/${seg(project)}/events/${seg(eventId)}/committers/`, what });
      return parseApiAnswer(CommittersSchema, body, what).committers.flatMap(({ author, commits }) => commits.map((commit) => ({ ...commit, author: commit.author ?? author })));
    } catch (error) {
      if (error instanceof SentryNotFoundError) return [];
      throw error;
    }
  }

  async release(org: string, version: string): Promise<z.infer<typeof ApiReleaseSchema>> {
    const what = `release ${version} in organization ${org}`;
    return parseApiAnswer(ApiReleaseSchema, await this.http.get({ path: `/organizations/${seg(org)}/releases/${seg(version)}/`, what }), what);
  }

  async releaseCommits(org: string, version: string, maxPages = 5): Promise<{ commits: ApiCommit[]; truncated: boolean }> {
    const what = `commits of release ${version}`;
    const { items, truncated } = await this.http.getPages({ path: `/organizations/${seg(org)}/releases/${seg(version)}/commits/`, what }, maxPages);
    return { commits: parseApiAnswer(z.array(ApiCommitSchema), items, what), truncated };
  }

  async releaseDeploys(org: string, version: string): Promise<z.infer<typeof ApiDeploySchema>[]> {
    const what = `deploys of release ${version}`;
    const { items } = await this.http.getPages({ path: `/organizations/${seg(org)}/releases/${seg(version)}/deploys/`, what }, 3);
    return parseApiAnswer(z.array(ApiDeploySchema), items, what);
  }
}
