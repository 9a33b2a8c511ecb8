/**
 * What Sentry's API says in its response headers: pagination (RFC 8288 Link with Sentry's
 * `results` and `cursor` parameters), the per-endpoint rate limit, and Retry-After on a 429.
 * Pure parsing; http.ts acts on it.
 */

export interface PageLink {
  url: string;
  rel: string | null;
  /** Sentry's `results="true|false"`: whether that page holds anything. Null when absent. */
  results: boolean | null;
  cursor: string | null;
}

const LINK = /<([^>]*)>([^,<]*)/g;
const PARAM = /;\s*([\w-]+)\s*=\s*(?:"([^"]*)"|([^;\s]*))/g;

export function parseLinkHeader(header: string | null): PageLink[] {
  if (header === null) return [];
  const links: PageLink[] = [];
  for (const [, url = '', rest = ''] of header.matchAll(LINK)) {
    const params = new Map<string, string>();
    for (const [, key = '', quoted, bare] of rest.matchAll(PARAM)) params.set(key.toLowerCase(), quoted ?? bare ?? '');
    const results = params.get('results');
    links.push({ url, rel: params.get('rel') ?? null, results: results === undefined ? null : results === 'true', cursor: params.get('cursor') ?? null });
  }
  return links;
}

/** The next page to fetch: Sentry always sends a `next` link, and `results="false"` says it is empty. */
export function nextPageLink(header: string | null): PageLink | null {
  const next = parseLinkHeader(header).find((link) => link.rel === 'next');
  return next === undefined || next.results === false ? null : next;
}

export interface RateLimit {
  limit: number | null;
  remaining: number | null;
  /** When the window resets, epoch ms (Sentry sends UTC seconds). */
  resetAt: number | null;
  concurrentLimit: number | null;
  concurrentRemaining: number | null;
}

export function readRateLimit(headers: Headers): RateLimit | null {
  const number = (name: string): number | null => {
    const value = headers.get(`x-sentry-rate-limit-${name}`);
    const parsed = value === null ? Number.NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  };
  const reset = number('reset');
  const limit: RateLimit = {
    limit: number('limit'),
    remaining: number('remaining'),
    resetAt: reset === null ? null : reset * 1000,
    concurrentLimit: number('concurrentlimit'),
    concurrentRemaining: number('concurrentremaining'),
  };
  return Object.values(limit).every((value) => value === null) ? null : limit;
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
