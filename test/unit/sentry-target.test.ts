import { describe, expect, it } from 'vitest';
import { parseSentryIssueRef } from '../../src/alert/sentry-ref.js';
import { InputError } from '../../src/errors.js';
import { issueTargetFor, sentryBaseUrlFor } from '../../src/sentry/target.js';

const EVENT = '9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e';
const target = (input: string, env: NodeJS.ProcessEnv = {}, org?: string) => {
  const ref = parseSentryIssueRef(input);
  if (ref === null) throw new Error(`${input} did not parse`);
  return issueTargetFor(ref, { org, env });
};

describe('every issue URL form → the Sentry to ask and what to ask it', () => {
  it.each([
    ['https://acme.sentry.io/issues/4471203311/', {}, { baseUrl: 'https://acme.sentry.io', org: 'acme', issueId: '4471203311', eventId: null }],
    ['https://acme.sentry.io/issues/4471203311/?project=1&referrer=slack', {}, { baseUrl: 'https://acme.sentry.io', org: 'acme', issueId: '4471203311', eventId: null }],
    [`https://acme.sentry.io/issues/4471203311/events/${EVENT}/`, {}, { baseUrl: 'https://acme.sentry.io', org: 'acme', issueId: '4471203311', eventId: EVENT }],
    ['https://sentry.io/organizations/acme/issues/4471203311/', {}, { baseUrl: 'https://sentry.io', org: 'acme', issueId: '4471203311', eventId: null }],
    [`https://sentry.io/organizations/acme/issues/4471203311/events/${EVENT}/`, {}, { baseUrl: 'https://sentry.io', org: 'acme', eventId: EVENT }],
    ['https://sentry.io/organizations/acme/issues/4471203311/events/latest/', {}, { baseUrl: 'https://sentry.io', eventId: 'latest' }],
    ['https://sentry.io/acme/shop-api/issues/4471203311/', {}, { baseUrl: 'https://sentry.io', org: 'acme', issueId: '4471203311' }],
    [`https://sentry.io/acme/shop-api/issues/4471203311/events/${EVENT}/`, {}, { baseUrl: 'https://sentry.io', org: 'acme', eventId: EVENT }],
    ['https://acme.sentry.io/issues/SHOP-API-1A2/', {}, { baseUrl: 'https://acme.sentry.io', org: 'acme', issueId: null, shortId: 'SHOP-API-1A2' }],
    // The EU region chosen in SENTRY_URL wins for SaaS links.
    ['https://acme.sentry.io/issues/1/', { SENTRY_URL: 'https://de.sentry.io/' }, { baseUrl: 'https://de.sentry.io', org: 'acme' }],
    // Self-hosted, named by SENTRY_URL: its own origin and mount prefix.
    ['https://sentry.example.com/organizations/acme/issues/902771/', { SENTRY_URL: 'https://sentry.example.com' }, { baseUrl: 'https://sentry.example.com', org: 'acme', issueId: '902771' }],
    ['https://sentry.example.com/acme/billing/issues/902771/', { SENTRY_URL: 'https://sentry.example.com/' }, { baseUrl: 'https://sentry.example.com', org: 'acme' }],
    [`https://sentry.example.com/organizations/acme/issues/902771/events/${EVENT}/`, { SENTRY_URL: 'https://sentry.example.com' }, { eventId: EVENT }],
    ['http://tools.example.com:9000/sentry/organizations/acme/issues/902771/', { SENTRY_URL: 'http://tools.example.com:9000/sentry' }, { baseUrl: 'http://tools.example.com:9000/sentry', org: 'acme' }],
    ['https://sentry.example.com/issues/902771/', { SENTRY_URL: 'https://sentry.example.com' }, { baseUrl: 'https://sentry.example.com', org: null, issueId: '902771' }],
    ['https://sentry.example.com/issues/902771/', { SENTRY_URL: 'https://sentry.example.com', SENTRY_ORG: 'acme' }, { org: 'acme' }],
  ] as const)('%s %j', (input, env, expected) => {
    expect(target(input, env)).toMatchObject(expected);
  });
});

describe('IDs without a URL', () => {
  it('short IDs take the organization from --org, else SENTRY_ORG; the instance from SENTRY_URL, else sentry.io', () => {
    expect(target('SHOP-1A2', {}, 'acme')).toEqual({ baseUrl: 'https://sentry.io', org: 'acme', issueId: null, shortId: 'SHOP-1A2', eventId: null });
    expect(target('SHOP-1A2', { SENTRY_ORG: 'acme', SENTRY_URL: 'https://sentry.example.com' })).toMatchObject({ baseUrl: 'https://sentry.example.com', org: 'acme' });
    expect(target('SHOP-1A2', { SENTRY_ORG: 'other' }, 'acme').org).toBe('acme');
  });

  it('refuses a short ID without an organization, naming both ways to give one', () => {
    expect(() => target('SHOP-1A2')).toThrow(InputError);
    expect(() => target('SHOP-1A2')).toThrow(/SHOP-1A2 is a short ID/);
    try {
      target('SHOP-1A2');
    } catch (error) {
      expect((error as InputError).hint).toMatch(/--org ORG or set SENTRY_ORG/);
    }
  });

  it('a numeric ID needs no organization', () => {
    expect(target('4471203311')).toMatchObject({ baseUrl: 'https://sentry.io', org: null, issueId: '4471203311' });
  });
});

describe('the token goes only to sentry.io or SENTRY_URL', () => {
  it('refuses a self-hosted host that SENTRY_URL does not name', () => {
    expect(() => sentryBaseUrlFor('https://sentry.evil.example', {})).toThrow(/not sentry\.io and SENTRY_URL is not set/);
    expect(() => sentryBaseUrlFor('https://sentry.evil.example', { SENTRY_URL: 'https://sentry.example.com' })).toThrow(/nor SENTRY_URL \(https:\/\/sentry\.example\.com\)/);
    expect(() => target('https://github.com/acme/shop/issues/12/')).toThrow(InputError);
  });

  it('says what to set when the host is the person\'s own', () => {
    try {
      sentryBaseUrlFor('https://sentry.example.com', {});
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).hint).toBe('If https://sentry.example.com is your self-hosted Sentry, set SENTRY_URL=https://sentry.example.com and run again.');
    }
  });

  it('refuses a SENTRY_URL that is not an http(s) URL', () => {
    expect(() => sentryBaseUrlFor(null, { SENTRY_URL: 'sentry.example.com' })).toThrow(/SENTRY_URL=sentry\.example\.com is not a URL/);
    expect(() => sentryBaseUrlFor(null, { SENTRY_URL: 'ftp://sentry.example.com' })).toThrow(/not an http\(s\) URL/);
  });
});
