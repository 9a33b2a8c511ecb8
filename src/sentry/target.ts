import { InputError } from '../errors.js';
import type { SentryIssueRef } from '../alert/sentry-ref.js';

/**
 * Which Sentry to ask, and for what. A pasted URL names its own instance, but triage sends the
 * token only to sentry.io or to the self-hosted Sentry named by SENTRY_URL: a look-alike link
 * must not collect it. IDs without a URL go to SENTRY_URL, else sentry.io.
 */

export const SAAS_BASE_URL = 'https://sentry.io';

export interface IssueTarget {
  baseUrl: string;
  org: string | null;
  issueId: string | null;
  shortId: string | null;
  /** A hex event ID, or latest/oldest/recommended, when the URL named one. */
  eventId: string | null;
}

export function isSaasHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'sentry.io' || host.endsWith('.sentry.io');
}

/** SENTRY_URL without its trailing slash; an unusable value is a usage error, said once, here. */
export function configuredBaseUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.SENTRY_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`SENTRY_URL=${raw} is not a URL`, { hint: 'Set it to your Sentry\'s address, e.g. https://sentry.example.com.' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(`SENTRY_URL=${raw} is not an http(s) URL`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The instance to ask about an issue found at `refBaseUrl` (null for bare IDs). */
export function sentryBaseUrlFor(refBaseUrl: string | null, env: NodeJS.ProcessEnv): string {
  const configured = configuredBaseUrl(env);
  if (refBaseUrl === null) return configured ?? SAAS_BASE_URL;
  const ref = new URL(refBaseUrl);
  if (isSaasHost(ref.hostname)) {
    // A SaaS SENTRY_URL (e.g. the EU region, https://de.sentry.io) is a deliberate choice; keep it.
    return configured !== null && isSaasHost(new URL(configured).hostname) ? configured : ref.origin + ref.pathname.replace(/\/+$/, '');
  }
  if (configured !== null && new URL(configured).origin === ref.origin) return refBaseUrl.replace(/\/+$/, '');
  throw new InputError(
    `${ref.origin} is not sentry.io${configured === null ? ' and SENTRY_URL is not set' : ` nor SENTRY_URL (${configured})`}, so triage will not send your Sentry token there`,
    { hint: `If ${ref.origin} is your self-hosted Sentry, set SENTRY_URL=${refBaseUrl} and run again.` },
  );
}

/** A parsed reference plus the organization from --org / SENTRY_ORG when the reference has none. */
export function issueTargetFor(ref: SentryIssueRef, options: { org?: string | undefined; env: NodeJS.ProcessEnv }): IssueTarget {
  const org = ref.org ?? options.org ?? (options.env.SENTRY_ORG?.trim() || null);
  if (ref.shortId !== null && ref.issueId === null && org === null) {
    throw new InputError(`${ref.shortId} is a short ID, and looking it up needs the organization`, {
      hint: 'Pass --org ORG or set SENTRY_ORG (the slug in your Sentry URLs).',
    });
  }
  return { baseUrl: sentryBaseUrlFor(ref.baseUrl, options.env), org, issueId: ref.issueId, shortId: ref.shortId, eventId: ref.eventId };
}

/** How a person would name the issue in a message. */
export function describeTarget(target: Pick<IssueTarget, 'issueId' | 'shortId' | 'org'>): string {
  const id = target.shortId ?? target.issueId ?? 'unknown';
  return `issue ${id}${target.org === null ? '' : ` in organization ${target.org}`}`;
}
