import { describe, expect, it } from 'vitest';
import { findPastIncidents } from '../../src/evidence/past-incidents.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { entryTerms, findRecurrences, parseReference, resolveReference, termSimilarity } from '../../src/postmortem/recurrence.js';
import { makeAlert } from '../helpers/factories.js';

const refs = (pairs: [string, string][]) => pairs.map(([date, title], index) => ({ entry: { date, title }, line: index * 10 + 1 }));

describe('references to an earlier entry', () => {
  it.each([
    ['2024-05-01', { date: '2024-05-01', title: null }],
    ['2024-05-01 — Checkout down', { date: '2024-05-01', title: 'checkout down' }],
    ['2024-05-01 Checkout  down', { date: '2024-05-01', title: 'checkout down' }],
    ['2024-05-01: Checkout down', { date: '2024-05-01', title: 'checkout down' }],
    ['  Checkout down ', { date: null, title: 'checkout down' }],
    ['', { date: null, title: null }],
  ])('reads %j', (text, expected) => {
    expect(parseReference(text)).toEqual(expected);
  });

  const entries = refs([
    ['2024-01-01', 'Checkout down'],
    ['2024-01-01', 'Login slow'],
    ['2024-02-01', '2023-12-01 Year-end batch'],
  ]);

  it.each([
    ['2024-01-01', [1, 11]],
    ['checkout DOWN', [1]],
    ['2024-01-01 — Login slow', [11]],
    ['2024-02-01 — Login slow', []],
    ['2023-12-01 Year-end batch', [21]],
    ['Nothing like it', []],
  ])('resolves %j to the entries on lines %j', (text, lines) => {
    expect(resolveReference(text, entries).map((entry) => entry.line)).toEqual(lines);
  });
});

describe('similar entries', () => {
  const a = { title: 'Checkout returned 500s', rootCause: 'TimeoutError from pg-pool: the pool on /api/orders ran dry after src/db/pool.ts capped it.' };

  it('weighs error types, routes and files over words', () => {
    const terms = entryTerms(a);
    expect(terms.get('timeouterror')).toBe(2);
    expect(terms.get('/api/orders')).toBe(2);
    expect(terms.get('pool.ts')).toBe(2);
    expect(terms.get('checkout')).toBe(1);
    expect(terms.has('from')).toBe(false);
  });

  it('matches a repeat with different wording and rejects one sharing only common words', () => {
    const repeat = entryTerms({ title: 'Orders failing', rootCause: 'TimeoutError again: pool exhausted on /api/orders.' });
    const unrelated = entryTerms({ title: 'Checkout button misaligned', rootCause: 'A CSS change returned the wrong layout.' });
    expect(termSimilarity(entryTerms(a), repeat).score).toBeGreaterThanOrEqual(0.5);
    expect(termSimilarity(entryTerms(a), unrelated).score).toBe(0);
  });

  it('finds recurrences: marked ones first, similar ones otherwise, never pointing forward', () => {
    const parsed = parsePostmortems(
      [
        '## 2024-01-01 — Orders time out',
        '',
        '- **Root cause:** TimeoutError: pg pool exhausted on /api/orders.',
        '',
        '## 2024-02-01 — Login slow',
        '',
        '- **Root cause:** Session store saturated.',
        '',
        '## 2024-03-01 — Orders time out again',
        '',
        '- **Root cause:** TimeoutError: pool exhausted on /api/orders after a deploy.',
        '',
        '## 2024-04-01 — Login slow again',
        '',
        '- **Root cause:** Different words entirely.',
        '- **Recurrence of:** Login slow',
      ].join('\n'),
    ).entries;
    expect(findRecurrences(parsed).map((found) => [found.entry.entry.title, found.of.entry.title, found.how])).toEqual([
      ['Orders time out again', 'Orders time out', 'similar'],
      ['Login slow again', 'Login slow', 'marked'],
    ]);
  });
});

describe('"seen before" over parsed entries', () => {
  const markdown = [
    '# Postmortems',
    '',
    '## 2024-01-10 — Refund lookups time out',
    '',
    '- **Root cause:** The refunds route never released pg-pool clients on the error path.',
    '- **Fix:** Released the client in a finally block.',
    '- **Lesson:** Pool clients need try/finally.',
    '',
    '### Timeline',
    '',
    '- **2024-01-10 03:12** Alert fired: TimeoutError: timeout exceeded when trying to connect.',
    '',
    '### Action items',
    '',
    '- [ ] Lint for unreleased pool clients — owner: @me',
    '- [x] Add the finally block — owner: @me',
    '',
    '## 2024-02-01 — Logo missing on the landing page',
    '',
    '- **Root cause:** A CSS change.',
    '- **Fix:** Reverted.',
    '- **Lesson:** Visual tests.',
    '',
    '## 2030-01-01 — From the future',
    '',
    '- **Root cause:** TimeoutError: timeout exceeded when trying to connect.',
    '- **Fix:** x',
    '- **Lesson:** y',
  ].join('\n');

  it('matches the alert to the earlier entry, with its fix and what it left open', () => {
    const alert = makeAlert({ title: 'TimeoutError: timeout exceeded when trying to connect', errorType: 'TimeoutError', firedAt: '2026-03-14T03:12:00.000Z' });
    const entries = parsePostmortems(markdown).entries.map((entry) => ({ entry: entry.entry, line: entry.line }));
    const found = findPastIncidents(entries, alert, [], []);
    expect(found.map((past) => [past.date, past.title, past.line])).toEqual([['2024-01-10', 'Refund lookups time out', 3]]);
    expect(found[0]).toMatchObject({ fix: 'Released the client in a finally block.', openActionItems: ['Lint for unreleased pool clients'] });
    expect(found[0]!.reasons.join(' ')).toContain('TimeoutError');
  });

  it('finds nothing for an unrelated alert', () => {
    const entries = parsePostmortems(markdown).entries.map((entry) => ({ entry: entry.entry, line: entry.line }));
    expect(findPastIncidents(entries, makeAlert({ title: 'Disk full on worker-3' }), [], [])).toEqual([]);
  });
});
