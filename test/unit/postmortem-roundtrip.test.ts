import { describe, expect, it } from 'vitest';
import { PostmortemEntrySchema } from '../../src/postmortem/model.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortemEntry, renderPostmortems } from '../../src/postmortem/render.js';
import { createRandom, generateEntry, sampleEntry } from '../helpers/postmortem-entries.js';

const CASES = 1500;

function parseOne(markdown: string) {
  const parsed = parsePostmortems(markdown);
  expect(parsed.entries).toHaveLength(1);
  return PostmortemEntrySchema.parse(parsed.entries[0]?.entry);
}

describe('parse(render(entry)) round trip', () => {
  it('gives back a realistic entry exactly', () => {
    const entry = sampleEntry('a');
    expect(parseOne(renderPostmortemEntry(entry))).toEqual(entry);
  });

  it(`gives back ${CASES} generated entries with tricky text exactly`, () => {
    for (let seed = 1; seed <= CASES; seed += 1) {
      const entry = generateEntry(createRandom(seed));
      const markdown = renderPostmortemEntry(entry);
      const parsed = parsePostmortems(markdown);
      const context = `seed ${seed}:\n${markdown}`;
      expect(parsed.problems, context).toEqual([]);
      expect(parsed.entries, context).toHaveLength(1);
      expect(parsed.entries[0]?.unknownFields, context).toEqual([]);
      expect(PostmortemEntrySchema.parse(parsed.entries[0]?.entry), context).toEqual(entry);
    }
  });

  it('gives back every entry of a whole generated file, in order', () => {
    const random = createRandom(99);
    const entries = Array.from({ length: 200 }, () => generateEntry(random));
    const parsed = parsePostmortems(renderPostmortems(entries));
    expect(parsed.title).toBe('Postmortems');
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.map((item) => PostmortemEntrySchema.parse(item.entry))).toEqual(entries);
  });

  it('keeps every rendered line free of what markdownlint flags: trailing space, raw CR, blank runs', () => {
    for (let seed = 1; seed <= CASES; seed += 1) {
      const markdown = renderPostmortemEntry(generateEntry(createRandom(seed)));
      expect(markdown.endsWith('\n') && !markdown.endsWith('\n\n'), `seed ${seed}`).toBe(true);
      expect(markdown, `seed ${seed}`).not.toMatch(/[ \t]\n|\r|\n\n\n/);
    }
  });

  it('renders exactly one H2 per entry, however many headings the text contains', () => {
    const random = createRandom(7);
    const entries = Array.from({ length: 100 }, () => generateEntry(random));
    const markdown = renderPostmortems(entries);
    const headingLines = markdown.split('\n').filter((line) => /^ {0,3}#{1,6}(\s|$)/.test(line));
    expect(headingLines.filter((line) => line.startsWith('## '))).toHaveLength(100);
    expect(headingLines.filter((line) => /^ {0,3}# /.test(line))).toEqual(['# Postmortems']);
  });
});
