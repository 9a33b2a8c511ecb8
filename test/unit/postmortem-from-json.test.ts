import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { entryFromJson } from '../../src/postmortem/from-json.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortemEntry } from '../../src/postmortem/render.js';

const FULL = readFileSync(new URL('../fixtures/postmortems/entry-full.json', import.meta.url), 'utf8');
const read = (text: string) => entryFromJson(JSON.parse(text), { origin: 'entry.json', text });
const problems = (value: unknown): string => {
  const text = JSON.stringify(value, null, 2);
  try {
    entryFromJson(value, { origin: 'entry.json', text });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the entry to be rejected');
};
const minimal = { title: 'Disk full', date: '2024-06-01', rootCause: 'Logs never rotated.', fix: 'Rotated them.', lesson: 'Alert on disk use.' };

describe('--from-json', () => {
  it('takes a 30-word solo entry: title, date, rootCause, fix, lesson', () => {
    expect(read(JSON.stringify(minimal))).toMatchObject({ ...minimal, severity: null, tags: [], actionItems: [], timeline: [] });
  });

  it('takes every documented field, and the entry renders and parses back the same', () => {
    const entry = read(FULL);
    expect(entry).toMatchObject({ severity: 'high', acknowledgedAt: '2024-05-01T10:05:00Z', mitigatedAt: '10:20', tags: ['database', 'deploy'], whereWeGotLucky: 'It happened at a quiet hour.' });
    expect(entry.actionItems).toEqual([
      { text: 'Add a query-plan check to CI', owner: '@ana', due: '2024-05-15', done: false },
      { text: 'Restore the index', owner: null, due: null, done: true },
    ]);
    const parsed = parsePostmortems(renderPostmortemEntry(entry)).entries[0]!.entry;
    expect(parsed).toMatchObject({ title: entry.title, rootCause: entry.rootCause, detectedAt: entry.detectedAt, actionItems: entry.actionItems });
  });

  it('reports every problem at once, each with its line and field', () => {
    const message = problems({ title: 'x', date: '2024-02-30', root_cause: 'y', fix: '', detectedAt: 'after lunch', tags: 'db', actionItems: [{ owner: '@me', due: 'soon' }] });
    expect(message).toMatch(/^the entry is not valid:/);
    for (const expected of [
      /entry\.json:3: date: expected a real date written YYYY-MM-DD/,
      /entry\.json:\d+: rootCause: required/,
      /entry\.json:5: fix: fix must not be empty/,
      /entry\.json:\d+: lesson: required/,
      /entry\.json:6: detectedAt: expected a time/,
      /entry\.json:7: tags: expected an array/,
      /entry\.json:\d+: actionItems\[0\]\.text: required/,
      /entry\.json:11: actionItems\[0\]\.due: expected a real date/,
      /entry\.json:1: \(root\): unknown field "root_cause"/,
    ]) {
      expect(message).toMatch(expected);
    }
  });

  it.each([
    [[minimal], /must hold one JSON object \(an entry\), not an array/],
    [null, /not null/],
    ['entry', /not a string/],
  ])('rejects %j as a whole', (value, expected) => {
    expect(problems(value)).toMatch(expected);
  });

  it('rejects unknown keys inside action items and timeline events', () => {
    expect(problems({ ...minimal, actionItems: [{ text: 'a', assignee: 'me' }] })).toMatch(/actionItems\[0\]: unknown field "assignee"/);
    expect(problems({ ...minimal, timeline: [{ at: '10:00', text: 'x' }] })).toMatch(/timeline\[0\]: unknown field "at"/);
  });
});
