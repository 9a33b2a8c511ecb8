import { describe, expect, it } from 'vitest';
import { nextPageLink, parseLinkHeader, readRateLimit, retryAfterMs } from '../../src/sentry/http-headers.js';

const SENTRY_LINK =
  '<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ' +
  '<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"';

describe('Link header (Sentry pagination)', () => {
  it('reads both links with rel, results and cursor', () => {
    expect(parseLinkHeader(SENTRY_LINK)).toEqual([
      { url: 'https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:0:1', rel: 'previous', results: false, cursor: '0:0:1' },
      { url: 'https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0', rel: 'next', results: true, cursor: '0:100:0' },
    ]);
  });

  it('follows next only while results="true"', () => {
    expect(nextPageLink(SENTRY_LINK)?.cursor).toBe('0:100:0');
    expect(nextPageLink(SENTRY_LINK.replace('results="true"', 'results="false"'))).toBeNull();
    expect(nextPageLink(null)).toBeNull();
    expect(nextPageLink('<https://x/?page=2>; rel="next"')?.url).toBe('https://x/?page=2');
  });

  it('keeps commas inside the URL and unquoted parameters', () => {
    expect(parseLinkHeader('<https://x/a?q=a,b>; rel=next; results=true')).toEqual([{ url: 'https://x/a?q=a,b', rel: 'next', results: true, cursor: null }]);
  });
});

describe('rate-limit headers', () => {
  it('reads X-Sentry-Rate-Limit-*, reset in epoch seconds', () => {
    const headers = new Headers({
      'X-Sentry-Rate-Limit-Limit': '40',
      'X-Sentry-Rate-Limit-Remaining': '0',
      'X-Sentry-Rate-Limit-Reset': '1741943400',
      'X-Sentry-Rate-Limit-ConcurrentLimit': '25',
      'X-Sentry-Rate-Limit-ConcurrentRemaining': '24',
    });
    expect(readRateLimit(headers)).toEqual({ limit: 40, remaining: 0, resetAt: 1741943400_000, concurrentLimit: 25, concurrentRemaining: 24 });
    expect(readRateLimit(new Headers())).toBeNull();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-03-14T09:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('0.5', now)).toBe(500);
    expect(retryAfterMs('Fri, 14 Mar 2025 09:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
