/**
 * Sentry issue references as people paste them: web URLs in every shape Sentry has used
 * (customer domains, /organizations/ORG/, the legacy /ORG/PROJECT/, self-hosted hosts),
 * API URLs found inside webhook payloads, bare numeric ids and short ids like `SHOP-1A2`.
 */

export interface SentryIssueRef {
  org: string | null;
  issueId: string | null;
  shortId: string | null;
  eventId: string | null;
  /** Where the Sentry instance lives (`https://acme.sentry.io`, `https://sentry.example.com`). */
  baseUrl: string | null;
}

export interface SentryUrlParts extends SentryIssueRef {
  project: string | null;
}

const SHORT_ID = /^[A-Z][A-Z0-9_-]*-[0-9A-Z]+$/;
const NUMERIC_ID = /^\d+$/;
const EVENT_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|latest|oldest|recommended)$/i;
/** Sentry's own hosts that are regions or services, not an organization's customer domain. */
const NON_ORG_SUBDOMAINS = new Set(['www', 'us', 'de', 'app', 'api', 'docs', 'status', 'ingest']);
const SAAS_HOST = /^(?:([a-z0-9][a-z0-9-]*)\.)?sentry\.io$/i;

export function isSentryShortId(text: string): boolean {
  return SHORT_ID.test(text);
}

export function parseSentryIssueRef(input: string): SentryIssueRef | null {
  const text = input.trim();
  if (NUMERIC_ID.test(text)) return { ...emptyRef(), issueId: text };
  if (SHORT_ID.test(text)) return { ...emptyRef(), shortId: text };
  const parts = sentryUrlParts(withScheme(text));
  if (parts === null || (parts.issueId === null && parts.shortId === null)) return null;
  const { project: _project, ...ref } = parts;
  return ref;
}

/** Reads whatever a Sentry URL (web or API) says about org, project, issue and event. */
export function sentryUrlParts(text: string): SentryUrlParts | null {
  const url = parseHttpUrl(text);
  if (url === null) return null;
  const segments = pathSegments(url.pathname);
  const parts: SentryUrlParts = { ...emptyRef(), project: null, baseUrl: url.origin };
  const firstKnown = readSegments(segments, parts);
  parts.baseUrl = url.origin + prefixPath(segments.slice(0, firstKnown));
  parts.org ??= orgFromHost(url.hostname);
  return parts;
}

/** The issue's address in the form Sentry's own permalinks use today. */
export function canonicalSentryIssueUrl(ref: Pick<SentryIssueRef, 'baseUrl' | 'org' | 'issueId'>): string | null {
  if (ref.baseUrl === null || ref.issueId === null) return null;
  const url = parseHttpUrl(ref.baseUrl);
  if (url === null) return null;
  if (ref.org !== null && SAAS_HOST.test(url.hostname)) return `https://${ref.org}.sentry.io/issues/${ref.issueId}/`;
  const orgPath = ref.org === null ? '' : `/organizations/${ref.org}`;
  return `${ref.baseUrl}${orgPath}/issues/${ref.issueId}/`;
}

/** Returns the index of the first segment that belongs to Sentry's routes (the rest is a mount prefix). */
function readSegments(segments: string[], parts: SentryUrlParts): number {
  let firstKnown = segments.length;
  const mark = (index: number): void => {
    firstKnown = Math.min(firstKnown, index);
  };
  for (let i = 0; i < segments.length; i += 1) {
    const [segment, next, afterNext] = [segments[i], segments[i + 1], segments[i + 2]];
    if (segment === 'api' && next === '0') mark(i);
    else if (segment === 'organizations' && next !== undefined) {
      mark(i);
      parts.org ??= next;
    } else if (segment === 'projects' && next !== undefined) {
      readProjectSegments(parts, next, afterNext, segments[i - 2] === 'organizations');
    } else if (segment === 'issues' && next !== undefined) {
      readIssueId(parts, next);
      mark(readLegacyPrefix(segments, i, parts));
    } else if (segment === 'events' && next !== undefined && EVENT_ID.test(next)) {
      parts.eventId ??= next;
    }
  }
  return firstKnown;
}

function readProjectSegments(parts: SentryUrlParts, next: string, afterNext: string | undefined, underOrg: boolean): void {
  // Web: /organizations/ORG/projects/PROJECT/; API: /api/0/projects/ORG/PROJECT/.
  if (underOrg) {
    parts.project ??= next;
  } else if (afterNext !== undefined) {
    parts.org ??= next;
    parts.project ??= afterNext;
  }
}

function readIssueId(parts: SentryUrlParts, id: string): void {
  if (NUMERIC_ID.test(id)) parts.issueId ??= id;
  else if (SHORT_ID.test(id.toUpperCase())) parts.shortId ??= id.toUpperCase();
}

/** The legacy web route is /ORG/PROJECT/issues/ID/; returns where the route starts. */
function readLegacyPrefix(segments: string[], issuesIndex: number, parts: SentryUrlParts): number {
  const [org, project] = [segments[issuesIndex - 2], segments[issuesIndex - 1]];
  if (parts.org !== null || org === undefined || project === undefined) return issuesIndex;
  if ([org, project].some((s) => ['organizations', 'projects', 'api', '0'].includes(s))) return issuesIndex;
  parts.org = org;
  parts.project ??= project;
  return issuesIndex - 2;
}

function orgFromHost(hostname: string): string | null {
  const subdomain = SAAS_HOST.exec(hostname)?.[1]?.toLowerCase();
  if (subdomain === undefined || NON_ORG_SUBDOMAINS.has(subdomain) || /^o\d+$/.test(subdomain)) return null;
  return subdomain;
}

function parseHttpUrl(text: string): URL | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** `acme.sentry.io/issues/1/` pasted without a scheme is still unambiguous. */
function withScheme(text: string): string {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.sentry\.io\//i.test(text) ? `https://${text}` : text;
}

function pathSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(safeDecode);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function prefixPath(segments: string[]): string {
  return segments.length === 0 ? '' : `/${segments.map(encodeURIComponent).join('/')}`;
}

function emptyRef(): SentryIssueRef {
  return { org: null, issueId: null, shortId: null, eventId: null, baseUrl: null };
}
