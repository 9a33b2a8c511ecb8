import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { createRandom, pick, trickyText } from '../helpers/postmortem-entries.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/postmortems/${name}`, import.meta.url), 'utf8');

describe('parsePostmortems on hand-edited entries', () => {
  const parsed = parsePostmortems(fixture('hand-edited.md'));
  const [first, second] = parsed.entries;

  it('finds the title and both entries with their heading lines', () => {
    expect(parsed.title).toBe('Postmortems');
    expect(parsed.entries.map((entry) => [entry.line, entry.entry.date, entry.entry.title])).toEqual([
      [5, '2024-03-02', 'Queue backed up'],
      [39, '2024-03-10', 'Colon separated heading'],
    ]);
    expect(first?.endLine).toBe(37);
    expect(second?.endLine).toBe(43);
  });

  it('reads plain labels, colon-outside-bold labels, aliases, indented and lazy continuations', () => {
    expect(first?.entry).toMatchObject({
      severity: 'medium',
      rootCause: 'the worker pool was capped at 2\nafter the config refactor.',
      lesson: 'watch queue depth, not just errors',
      fix: 'second fix line wins',
    });
    expect(first?.fieldLines).toMatchObject({ title: 5, date: 5, severity: 7, rootCause: 8, fix: 14, lesson: 12, timeline: 16 });
  });

  it('reports unknown labels and sections, duplicate fields and unreadable lines', () => {
    expect(first?.unknownFields).toEqual([
      { name: 'Owner', line: 13 },
      { name: '### Random notes', line: 35 },
    ]);
    expect(parsed.problems).toEqual([
      { line: 14, message: 'Field "Fix" appears twice in this entry; the later value is used.' },
      { line: 20, message: 'Line is not a "- **YYYY-MM-DD HH:MM** what happened" bullet and is ignored.' },
    ]);
  });

  it('reads timeline separators people type by hand', () => {
    expect(first?.entry.timeline).toEqual([
      { time: '2024-03-02 09:00', text: 'Queue depth alert' },
      { time: '09:05 UTC', text: 'Paged' },
    ]);
    expect(first?.timelineLines).toEqual([18, 19]);
  });

  it('reads checkboxes, owners and due dates, and keeps an em dash that is not a suffix', () => {
    expect(first?.entry.actionItems).toEqual([
      { text: 'Raise the cap', owner: '@ana', due: '2024-03-09', done: true },
      { text: 'Alert on queue depth', owner: null, due: '2024-03-20', done: false },
      { text: 'plain bullet', owner: '@bo', due: null, done: false },
      { text: 'Item with an — em dash in its text', owner: null, due: null, done: false },
    ]);
    expect(first?.actionItemLines).toEqual([24, 25, 26, 27]);
  });

  it('keeps a level-4 heading inside a prose section as text', () => {
    expect(first?.entry.whatWentWell).toBe('#### Sub heading kept as text\n\nQuick rollback.');
  });

  it('gives each entry its raw text', () => {
    expect(second?.raw).toBe('## 2024-03-10: Colon separated heading\n\n- **Root cause:** x\n- **Fix:** y\n- **Lesson:** z');
  });
});

describe('parsePostmortems on foreign and weird markdown', () => {
  it('ignores headings inside fences, HTML comments and tables, and reads the rest', () => {
    const parsed = parsePostmortems(fixture('weird.md'));
    expect(parsed.title).toBe('Incident log');
    expect(parsed.entries.map((entry) => [entry.entry.date, entry.entry.title])).toEqual([
      [undefined, 'Heading without a date'],
      ['2024-13-45', 'Impossible date'],
      ['2024-02-30', undefined],
    ]);
    expect(parsed.entries[1]?.entry.rootCause).toBe('日本語 and emoji 😀');
    expect(parsed.entries[2]?.entry.rootCause).toBe('no title\n  ```\n  unclosed indented fence');
    expect(parsed.problems[0]).toEqual({ line: 21, message: 'Entry heading has no date; write it as "## YYYY-MM-DD — Title".' });
  });

  it.each([
    ['an empty file', ''],
    ['only blank lines', '\n\n  \n'],
    ['only a BOM', '\uFEFF'],
    ['prose without headings', 'On 28th February flags went down.\nWe fixed it.\n'],
  ])('returns no entries for %s', (_label, markdown) => {
    expect(parsePostmortems(markdown)).toEqual({ title: null, entries: [], problems: [] });
  });

  it('reads CRLF, lone CR and a BOM exactly like LF', () => {
    const lf = fixture('hand-edited.md');
    const expected = parsePostmortems(lf);
    expect(parsePostmortems(`\uFEFF${lf.replace(/\n/g, '\r\n')}`)).toEqual(expected);
    expect(parsePostmortems(lf.replace(/\n/g, '\r'))).toEqual(expected);
  });

  it('never throws on 3000 random documents built from hostile pieces', () => {
    const random = createRandom(2024);
    const extras = ['\n## ', '\n### ', '\n# ', '\n- **', ':** ', '\n```\n', '\n<!--\n', '\n  ', '\n- [ ] ', '\u0000', '\uFFFF', '\uD800'];
    for (let round = 0; round < 3000; round += 1) {
      let markdown = '';
      for (let piece = 0; piece < 40; piece += 1) markdown += random() < 0.3 ? pick(random, extras) : trickyText(random, { maxPieces: 3 });
      const parsed = parsePostmortems(markdown);
      for (const entry of parsed.entries) expect(entry.endLine).toBeGreaterThanOrEqual(entry.line);
    }
  });

  it('parses a 1000-entry file in well under a second', () => {
    const entry = (n: number) =>
      `## 2024-01-${String((n % 28) + 1).padStart(2, '0')} — Incident ${n}\n\n- **Severity:** high\n- **Root cause:** cause ${n}\n  second line\n- **Fix:** fix\n- **Lesson:** lesson\n\n### Timeline\n\n- **2024-01-01 10:00** Alert\n- **2024-01-01 10:10** Fixed\n\n### Action items\n\n- [ ] Do it — owner: @me, due: 2024-02-01\n`;
    const markdown = `# Postmortems\n\n${Array.from({ length: 1000 }, (_, n) => entry(n)).join('\n')}`;
    parsePostmortems(markdown);
    const started = performance.now();
    const parsed = parsePostmortems(markdown);
    const elapsed = performance.now() - started;
    expect(parsed.entries).toHaveLength(1000);
    expect(elapsed).toBeLessThan(1500);
    console.info(`parse 1000 entries (${markdown.length} chars): ${elapsed.toFixed(1)} ms`);
  });
});
