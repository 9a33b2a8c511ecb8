import { describe, expect, it } from 'vitest';
import { canonicalSentryIssueUrl, parseSentryIssueRef, sentryUrlParts } from '../../src/alert/sentry-ref.js';

const ref = (fields: Partial<ReturnType<typeof parseSentryIssueRef> & object>) => ({
  org: null,
  issueId: null,
  shortId: null,
  eventId: null,
  baseUrl: null,
  ...fields,
});

describe('parseSentryIssueRef', () => {
  it.each([
    ['https://acme.sentry.io/issues/4471203311/', ref({ org: 'acme', issueId: '4471203311', baseUrl: 'https://acme.sentry.io' })],
    ['https://acme.sentry.io/issues/4471203311', ref({ org: 'acme', issueId: '4471203311', baseUrl: 'https://acme.sentry.io' })],
    [
      'https://acme.sentry.io/issues/4471203311/?project=4507712&referrer=slack#activity',
      ref({ org: 'acme', issueId: '4471203311', baseUrl: 'https://acme.sentry.io' }),
    ],
    [
      'https://sentry.io/organizations/acme/issues/4471203311/',
      ref({ org: 'acme', issueId: '4471203311', baseUrl: 'https://sentry.io' }),
    ],
    ['https://sentry.io/acme/shop-api/issues/4471203311/', ref({ org: 'acme', issueId: '4471203311', baseUrl: 'https://sentry.io' })],
    [
      'https://acme.sentry.io/issues/4471203311/events/9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e/',
      ref({ org: 'acme', issueId: '4471203311', eventId: '9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e', baseUrl: 'https://acme.sentry.io' }),
    ],
    [
      'https://sentry.io/organizations/acme/issues/4471203311/events/latest/?environment=production',
      ref({ org: 'acme', issueId: '4471203311', eventId: 'latest', baseUrl: 'https://sentry.io' }),
    ],
    [
      'https://sentry.io/acme/shop-api/issues/4471203311/events/9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e/',
      ref({ org: 'acme', issueId: '4471203311', eventId: '9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e', baseUrl: 'https://sentry.io' }),
    ],
    [
      'https://sentry.example.com/organizations/acme/issues/902771/',
      ref({ org: 'acme', issueId: '902771', baseUrl: 'https://sentry.example.com' }),
    ],
    ['https://sentry.example.com/acme/billing/issues/902771/', ref({ org: 'acme', issueId: '902771', baseUrl: 'https://sentry.example.com' })],
    [
      'http://tools.example.com:9000/sentry/organizations/acme/issues/902771/events/0f3e5d7c9b1a4e2d8c6b4a2f0e1d3c5b/',
      ref({
        org: 'acme',
        issueId: '902771',
        eventId: '0f3e5d7c9b1a4e2d8c6b4a2f0e1d3c5b',
        baseUrl: 'http://tools.example.com:9000/sentry',
      }),
    ],
    ['https://sentry.example.com/issues/902771/', ref({ issueId: '902771', baseUrl: 'https://sentry.example.com' })],
    ['https://acme.sentry.io/issues/SHOP-API-1A2/', ref({ org: 'acme', shortId: 'SHOP-API-1A2', baseUrl: 'https://acme.sentry.io' })],
    ['acme.sentry.io/issues/4471203311/', ref({ org: 'acme', issueId: '4471203311', baseUrl: 'https://acme.sentry.io' })],
    ['4471203311', ref({ issueId: '4471203311' })],
    ['SHOP-1A2', ref({ shortId: 'SHOP-1A2' })],
    ['CLOUDFLARE-MCP-41', ref({ shortId: 'CLOUDFLARE-MCP-41' })],
  ])('%s', (input, expected) => {
    expect(parseSentryIssueRef(input)).toEqual(expected);
  });

  it.each([
    ['alert.json'],
    ['./alerts/today.json'],
    ['shop-1a2'],
    ['https://acme.sentry.io/'],
    ['https://acme.sentry.io/alerts/rules/'],
    ['https://github.com/acme/shop/issues/'],
    ['ftp://acme.sentry.io/issues/1/'],
    [''],
  ])('%s is not a Sentry issue reference', (input) => {
    expect(parseSentryIssueRef(input)).toBeNull();
  });
});

describe('sentryUrlParts', () => {
  it('reads org and project from the API URLs inside webhook payloads', () => {
    expect(sentryUrlParts('https://sentry.io/api/0/projects/acme/shop-api/events/9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e/')).toEqual({
      org: 'acme',
      project: 'shop-api',
      issueId: null,
      shortId: null,
      eventId: '9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e',
      baseUrl: 'https://sentry.io',
    });
    expect(sentryUrlParts('https://sentry.io/api/0/issues/4471203311/')).toMatchObject({ org: null, issueId: '4471203311' });
  });
});

describe('canonicalSentryIssueUrl', () => {
  it('uses the customer domain on sentry.io and /organizations/ elsewhere', () => {
    expect(canonicalSentryIssueUrl({ baseUrl: 'https://sentry.io', org: 'acme', issueId: '1' })).toBe('https://acme.sentry.io/issues/1/');
    expect(canonicalSentryIssueUrl({ baseUrl: 'https://sentry.example.com', org: 'acme', issueId: '1' })).toBe(
      'https://sentry.example.com/organizations/acme/issues/1/',
    );
    expect(canonicalSentryIssueUrl({ baseUrl: 'https://sentry.io', org: 'acme', issueId: null })).toBeNull();
  });
});
