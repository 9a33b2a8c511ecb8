import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { PostmortemEntrySchema, type PostmortemEntryInput } from '../../src/postmortem/model.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortemEntry, renderPostmortemsHeader } from '../../src/postmortem/render.js';
import { decodeEntities, encodeBlock, encodeInline } from '../../src/postmortem/text-codec.js';
import { sampleEntry } from '../helpers/postmortem-entries.js';

const minimal = (overrides: Partial<PostmortemEntryInput> = {}) =>
  PostmortemEntrySchema.parse({ title: 'Disk full', date: '2024-06-01', rootCause: 'Logs never rotated.', fix: 'Rotated logs.', lesson: 'Alert on disk use.', ...overrides });
const linesOf = (overrides: Partial<PostmortemEntryInput>) => renderPostmortemEntry(minimal(overrides)).split('\n');

describe('renderPostmortemEntry', () => {
  it('writes the documented layout', () => {
    const entry = sampleEntry('x', { tags: ['db', 'deploy'], whatWentWell: 'Fast rollback.', actionItems: [{ text: 'Add a check', owner: '@me', due: '2024-05-10', done: true }] });
    expect(renderPostmortemEntry(entry)).toBe(
      [
        '## 2024-05-01 — Checkout returned 500s (x)',
        '',
        '- **Severity:** high',
        '- **Tags:** db, deploy',
        '- **Root cause:** A migration dropped the index on orders.user_id, so the checkout query timed out.',
        '- **Fix:** Restored the index and added a migration check in CI.',
        '- **Lesson:** Schema changes need a query-plan check before deploy.',
        '',
        '### Timeline',
        '',
        '- **2024-05-01 10:02** Alert fired: checkout error rate 12%.',
        '- **2024-05-01 10:20** Index restored; errors back to baseline.',
        '',
        '### Action items',
        '',
        '- [x] Add a check — owner: @me, due: 2024-05-10',
        '',
        '### What went well',
        '',
        'Fast rollback.',
        '',
      ].join('\n'),
    );
  });

  it('starts a new file with an H1 and one intro paragraph', () => {
    expect(renderPostmortemsHeader()).toMatch(/^# Postmortems\n\n[^\n]+\n$/);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => renderPostmortemEntry({ ...minimal(), date: '2024-6-1' })).toThrow(InputError);
  });

  it.each<[string, Partial<PostmortemEntryInput>, string]>([
    ['indents continuation lines under the bullet', { rootCause: 'one\ntwo\n\nthree' }, '- **Root cause:** one\n  two\n\n  three\n'],
    ['keeps one raw blank line, encodes the rest', { fix: 'a\n\n\nb' }, '- **Fix:** a\n\n  &#10;b\n'],
    ['encodes trailing newlines and spaces', { fix: 'a  \nb\n' }, '- **Fix:** a &#32;\n  b&#10;\n'],
    ['escapes a line that would be a heading or setext underline', { fix: 'a\n## b\n---' }, '- **Fix:** a\n  &#35;# b\n  &#45;--\n'],
    ['escapes a #word line and a lone dash under text', { fix: 'a\n#tag\n-' }, '- **Fix:** a\n  &#35;tag\n  &#45;\n'],
    ['escapes an unclosed fence but keeps a closed one', { fix: 'x\n```\nok\n```\n```' }, '- **Fix:** x\n  ```\n  ok\n  ```\n  &#96;``\n'],
    ['escapes an ampersand only where it would decode', { fix: 'AT&T &amp; &#10;' }, '- **Fix:** AT&T &amp;amp; &amp;#10;\n'],
    ['encodes a newline and a trailing # in the title', { title: 'Bad\nday #' }, '## 2024-06-01 — Bad&#10;day &#35;\n'],
    ['encodes separators in action items', { actionItems: [{ text: 'a — b', owner: 'x, y', due: null, done: false }] }, '- [ ] a &#8212; b — owner: x&#44; y\n'],
    ['escapes a dash that would read as a hand-typed separator', { timeline: [{ time: '10:00', text: '- dash first' }] }, '- **10:00** &#45; dash first\n'],
    ['encodes * in a time and commas in tags', { timeline: [{ time: '**', text: 'x' }], tags: ['a,b', ''] }, '- **&#42;&#42;** x\n'],
    ['keeps an empty last tag without a trailing space', { tags: ['a,b', ''] }, '- **Tags:** a&#44;b,&#32;\n'],
  ])('%s', (_label, overrides, expected) => {
    const markdown = renderPostmortemEntry(minimal(overrides));
    expect(markdown).toContain(expected.startsWith('## ') ? expected : `\n${expected}`);
    expect(PostmortemEntrySchema.parse(parsePostmortems(markdown).entries[0]?.entry)).toEqual(minimal(overrides));
  });

  it('neutralizes an unclosed HTML comment in a prose section', () => {
    const lines = linesOf({ whatWentWrong: '<!-- never closed\n## 2024-01-01 — fake' });
    expect(lines).toContain('&#60;!-- never closed');
    expect(lines).toContain('&#35;# 2024-01-01 — fake');
  });

  it('writes an empty section heading for an empty prose value', () => {
    expect(renderPostmortemEntry(minimal({ whereWeGotLucky: '' }))).toMatch(/### Where we got lucky\n$/);
  });
});

describe('text codec', () => {
  it.each(['', ' ', 'a', '&', '&#10;', '&amp;amp;', ' lead', 'trail ', 'x\ny', 'tab\t', '#', '😀\u2028'])('encodeInline round-trips %j', (text) => {
    const encoded = encodeInline(text, ',*');
    expect(encoded).not.toMatch(/[\n\r\t]|^ | $|#$/);
    expect(decodeEntities(encoded)).toBe(text);
  });

  it('leaves invalid character references alone', () => {
    expect(decodeEntities('&#0; &#xD800; &#99999999; &bogus;')).toBe('&#0; &#xD800; &#99999999; &bogus;');
    expect(decodeEntities('&lt;b&gt; &quot;&apos; &nbsp;&#x41;&#65;')).toBe('<b> "\' \u00a0AA');
  });

  it.each([
    ['', 'section', []],
    ['\n', 'section', ['&#10;']],
    ['\n\na', 'section', ['&#10;&#10;a']],
    ['a\n', 'item', ['a&#10;']],
    ['\na', 'item', ['', 'a']],
  ] as const)('encodeBlock(%j, %s)', (text, mode, expected) => {
    expect(encodeBlock(text, mode)).toEqual(expected);
  });
});
