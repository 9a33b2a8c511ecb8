import { describe, expect, it } from 'vitest';
import { padIsoDate } from '../../src/postmortem/lint/dates.js';
import { applyFixes } from '../../src/postmortem/lint/fix.js';
import { fixPostmortems, lintPostmortems, type LintConfig } from '../../src/postmortem/lint/index.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { createRandom, generateEntry, sampleEntry } from '../helpers/postmortem-entries.js';

const ids = (markdown: string, config?: LintConfig) => lintPostmortems(markdown, { file: 'f.md', ...(config ? { config } : {}) }).findings.map((finding) => `${finding.line} ${finding.ruleId}`);
const fix = (markdown: string, config?: LintConfig) => fixPostmortems(markdown, { file: 'f.md', ...(config ? { config } : {}) });
const body = '- **Severity:** high\n- **Root cause:** a\n- **Fix:** b\n- **Lesson:** c\n';
const careless = (heading: string) => `${heading}\n\n- **Severity:** high\n- **Root cause:** a careless deploy\n- **Fix:** b\n- **Lesson:** c\n`;

describe('inline disable comments', () => {
  it('triage-disable-next-line silences the named rules on the next line only', () => {
    const markdown = `<!-- triage-disable-next-line PM007 -->\n## 2024-05-01 — a\n\n- **Root cause:** a\n- **Fix:** b\n- **Lesson:** c\n\n## 2024-05-02 — b\n\n- **Root cause:** a\n- **Fix:** b\n- **Lesson:** c\n`;
    expect(ids(markdown)).toEqual(['8 PM007']);
  });

  it('triage-disable-line silences findings on its own line, by name too', () => {
    const markdown = `## 2024-05-01 — a\n\n- **Severity:** high\n- **Root cause:** a careless deploy <!-- triage-disable-line blaming-language -->\n- **Fix:** b\n- **Lesson:** c\n`;
    expect(ids(markdown)).toEqual([]);
    expect(ids(markdown.replace('blaming-language', 'PM001'))).toEqual(['4 PM012']);
  });

  it('triage-disable … triage-enable silences a region; with no rules named, every rule', () => {
    const markdown = [careless('## 2024-05-01 — a'), '<!-- triage-disable PM012 -->', careless('## 2024-05-02 — b'), '<!-- triage-enable PM012 -->', careless('## 2024-05-03 — c')].join('\n');
    expect(ids(markdown).filter((id) => id.endsWith('PM012'))).toEqual(['4 PM012', '20 PM012']);
    const all = `<!-- triage-disable -->\n## Undated\n\n<!-- triage-enable -->\n## Also undated\n`;
    expect(ids(all).every((id) => id.startsWith('5 '))).toBe(true);
    expect(ids(all).length).toBeGreaterThan(0);
  });

  it('enables one rule inside a disabled region', () => {
    const markdown = `<!-- triage-disable -->\n<!-- triage-enable PM004 -->\n## Undated\n`;
    expect(ids(markdown)).toEqual(['3 PM004']);
  });

  it('ignores comments inside fenced code and comments naming only unknown rules', () => {
    const fenced = `## 2024-05-01 — a\n\n- **Severity:** high\n- **Root cause:** x\n\n  \`\`\`html\n  <!-- triage-disable -->\n  \`\`\`\n\n- **Fix:** b\n- **Lesson:** c careless\n`;
    expect(ids(fenced)).toEqual(['11 PM012']);
    expect(ids(`<!-- triage-disable PM999 -->\n${careless('## 2024-05-01 — a')}`)).toEqual(['5 PM012']);
  });
});

describe('triage lint --fix', () => {
  it.each([
    ['pads a heading date', '## 2024-5-1 — Outage\n\n' + body, '## 2024-05-01 — Outage\n\n' + body],
    ['rewrites a heading in the canonical form', '## 2024-05-01: Outage ##\n\n' + body, '## 2024-05-01 — Outage\n\n' + body],
    ['pads a date and fixes the separator over two passes', '## 2024-5-1 - Outage\n\n' + body, '## 2024-05-01 — Outage\n\n' + body],
    ['pads a due date', '## 2024-05-01 — a\n\n' + body + '\n### Action items\n\n- [ ] x — owner: @me, due: 2024-6-3\n', '## 2024-05-01 — a\n\n' + body + '\n### Action items\n\n- [ ] x — owner: @me, due: 2024-06-03\n'],
    ['pads a field time', '## 2024-05-01 — a\n\n' + body + '- **Detected at:** 2024-5-1 10:02\n', '## 2024-05-01 — a\n\n' + body + '- **Detected at:** 2024-05-01 10:02\n'],
    ['spells a severity the configured way', '## 2024-05-01 — a\n\n' + body.replace('high', 'High'), '## 2024-05-01 — a\n\n' + body],
  ])('%s', (_name, input, output) => {
    const outcome = fix(input);
    expect(outcome.output).toBe(output);
    expect(outcome.fixed).toBeGreaterThan(0);
    expect(outcome.result.findings).toEqual([]);
  });

  it('sorts entries oldest first, moving whole entries and nothing else', () => {
    const entries = [sampleEntry('c', { date: '2024-03-01' }), sampleEntry('a', { date: '2024-01-01' }), sampleEntry('b', { date: '2024-02-01' })];
    const markdown = renderPostmortems(entries);
    expect(ids(markdown)).toEqual(expect.arrayContaining([expect.stringMatching(/PM010$/)]));
    const outcome = fix(markdown);
    const sorted = [entries[1]!, entries[2]!, entries[0]!];
    expect(outcome.output).toBe(renderPostmortems(sorted));
    expect(outcome.result.findings).toEqual([]);
  });

  it('leaves what it cannot fix safely: a non-date, a bad day, an owner, an undated entry among misordered ones', () => {
    const markdown = `## 2024-06-01 — b\n\n${body}\n## 2024-02-30 — a\n\n${body}\n### Action items\n\n- [ ] x\n\n## Undated\n\n${body}`;
    const outcome = fix(markdown);
    expect(outcome.fixed).toBe(0);
    expect(outcome.output).toBe(markdown);
    expect(outcome.result.findings.map((finding) => finding.ruleId).sort()).toEqual(['PM004', 'PM005', 'PM008']);
  });

  it('keeps CRLF line endings, a BOM and a missing final newline', () => {
    const input = `\uFEFF## 2024-5-1 — a\r\n\r\n${body.trimEnd().replace(/\n/g, '\r\n')}`;
    expect(fix(input).output).toBe(input.replace('2024-5-1', '2024-05-01'));
  });

  it('does not apply a fix whose finding is disabled', () => {
    const input = `<!-- triage-disable-next-line PM005 -->\n## 2024-5-1 — a\n\n${body}`;
    expect(fix(input)).toMatchObject({ fixed: 0, output: input });
  });

  it('is idempotent and never changes what an entry says', () => {
    const random = createRandom(3);
    for (let round = 0; round < 150; round += 1) {
      const entries = Array.from({ length: 3 }, () => generateEntry(random));
      const markdown = renderPostmortems(entries).replace(/^## (\d{4})-0?(\d{1,2})-0?(\d{1,2}) — /gm, (_all, y: string, m: string, d: string) => `## ${y}-${Number(m)}-${Number(d)}: `);
      const once = fix(markdown);
      const twice = fix(once.output);
      expect(twice.fixed, `round ${round}`).toBe(0);
      expect(twice.output).toBe(once.output);
      // The one intended change is the zero padding of dates; everything else reads back the same.
      const key = (text: string) =>
        parsePostmortems(text)
          .entries.map(({ entry }) => JSON.stringify({ ...entry, date: padIsoDate(entry.date ?? '') ?? entry.date }))
          .sort();
      expect(key(once.output), `round ${round}`).toEqual(key(markdown));
    }
  });
});

describe('applyFixes', () => {
  it('applies non-overlapping fixes, skips overlaps and no-ops, and applies identical fixes once', () => {
    const lines = ['a', 'b', 'c', 'd'];
    const result = applyFixes(lines, [
      { from: 1, to: 2, lines: ['A'] },
      { from: 2, to: 2, lines: ['B'] },
      { from: 3, to: 3, lines: ['c'] },
      { from: 4, to: 4, lines: ['D', 'E'] },
      { from: 4, to: 4, lines: ['D', 'E'] },
    ]);
    expect(result).toEqual({ lines: ['A', 'c', 'D', 'E'], count: 2 });
  });
});
