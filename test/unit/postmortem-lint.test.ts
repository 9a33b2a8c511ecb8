import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realWorldDir } from '../helpers/shared-samples.js';
import { InputError } from '../../src/errors.js';
import { formatLintGithub, formatLintJson, formatLintText, LINT_RULES, lintPostmortems, type LintResult } from '../../src/postmortem/lint/index.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { createRandom, generateEntry, sampleEntry, trickyText } from '../helpers/postmortem-entries.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/postmortems/${name}`, import.meta.url), 'utf8');
const REAL_WORLD = realWorldDir('postmortems');
const found = (result: LintResult) => result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}/${finding.ruleName} ${finding.severity}`);

describe('lintPostmortems', () => {
  it('finds nothing in entries triage renders', () => {
    const markdown = renderPostmortems([sampleEntry('a', { date: '2024-01-01' }), sampleEntry('b', { date: '2024-02-01' })]);
    expect(lintPostmortems(markdown, { file: 'POSTMORTEMS.md' })).toEqual({ file: 'POSTMORTEMS.md', findings: [], errorCount: 0, warningCount: 0, entryCount: 2 });
  });

  it('reports each rule at its line and column, sorted', () => {
    const result = lintPostmortems(fixture('lint-cases.md'), { file: 'lint-cases.md' });
    expect(found(result)).toEqual([
      '19:1 PM001/missing-root-cause error',
      '19:1 PM002/missing-fix error',
      '19:1 PM003/missing-lesson error',
      '19:1 PM007/missing-severity warning',
      '19:1 PM010/entry-order warning',
      '26:26 PM012/blaming-language warning',
      '26:46 PM012/blaming-language warning',
      '29:5 PM013/recurrence-target warning',
      '30:1 PM011/unknown-field warning',
      '35:1 PM006/timeline-order warning',
      '36:1 PM005/invalid-date error',
      '40:1 PM008/action-item-owner warning',
      '40:26 PM005/invalid-date error',
      '43:1 PM009/duplicate-entry error',
      '43:1 PM010/entry-order warning',
      '51:1 PM001/missing-root-cause error',
      '51:1 PM002/missing-fix error',
      '51:1 PM003/missing-lesson error',
      '51:1 PM004/missing-date error',
      '51:1 PM007/missing-severity warning',
    ]);
    expect([result.errorCount, result.warningCount, result.entryCount]).toEqual([10, 10, 5]);
  });

  it.each([
    ['## 2024-02-30 — Not a day', '1:4 PM005/invalid-date error'],
    ['## 2024-1-5 — Short month', '1:4 PM005/invalid-date error'],
    ['## Outage on 2024-01-05', '1:1 PM004/missing-date error'],
    ['## 2024-02-29 — Leap day is fine', null],
  ])('judges the heading date of %j', (heading, expected) => {
    const markdown = `${heading}\n\n- **Severity:** low\n- **Root cause:** a\n- **Fix:** b\n- **Lesson:** c\n`;
    expect(found(lintPostmortems(markdown, { file: 'f.md' }))).toEqual(expected ? [expected] : []);
  });

  it('does not take "git blame" or a "page fault" for blame', () => {
    const markdown = '## 2024-01-01 — x\n\n- **Severity:** low\n- **Root cause:** a page fault; git blame showed the commit\n- **Fix:** b\n- **Lesson:** c\n';
    expect(lintPostmortems(markdown, { file: 'f.md' }).findings).toEqual([]);
  });

  it('turns rules off or changes their severity by ID or name, case-insensitively', () => {
    const config = { rules: { PM001: 'off', 'missing-fix': false, 'Missing-Lesson': 'warning', pm004: 'warn', PM007: true } } as const;
    const result = lintPostmortems('## Undated\n', { file: 'f.md', config });
    expect(found(result)).toEqual(['1:1 PM003/missing-lesson warning', '1:1 PM004/missing-date warning', '1:1 PM007/missing-severity warning']);
  });

  it('rejects an unknown rule or setting with one sentence naming it', () => {
    expect(() => lintPostmortems('', { file: 'f', config: { rules: { PM999: 'off' } } })).toThrow(InputError);
    expect(() => lintPostmortems('', { file: 'f', config: { rules: { PM999: 'off' } } })).toThrow(/^Unknown lint rule "PM999" in the config; known rules are PM001, /);
    expect(() => lintPostmortems('', { file: 'f', config: { rules: { PM001: 'loud' as 'off' } } })).toThrow(/PM001\/missing-root-cause is set to "loud"/);
  });

  it('has unique rule IDs and names in markdownlint style', () => {
    expect(new Set(LINT_RULES.map((rule) => rule.id)).size).toBe(LINT_RULES.length);
    expect(new Set(LINT_RULES.map((rule) => rule.name)).size).toBe(LINT_RULES.length);
    for (const rule of LINT_RULES) expect(`${rule.id}/${rule.name}`).toMatch(/^PM\d{3}\/[a-z]+(-[a-z]+)*$/);
  });
});

describe('lint never throws on other people\'s markdown', () => {
  const realWorld = existsSync(REAL_WORLD) ? readdirSync(REAL_WORLD).filter((name) => name.endsWith('.md')) : [];

  it.skipIf(realWorld.length === 0).each(realWorld)('lints real-world %s', (name) => {
    const result = lintPostmortems(readFileSync(`${REAL_WORLD}/${name}`, 'utf8'), { file: name });
    expect(result.findings.every((finding) => finding.line >= 1 && finding.column >= 1)).toBe(true);
    expect(result.findings.some((finding) => finding.message.startsWith('Rule crashed'))).toBe(false);
  });

  it.each(['weird.md', 'hand-edited.md'])('lints the %s fixture', (name) => {
    const result = lintPostmortems(fixture(name), { file: name });
    expect(result.findings.some((finding) => finding.message.startsWith('Rule crashed'))).toBe(false);
    expect(result.entryCount).toBeGreaterThan(0);
  });

  it('lints 1000 random documents and generated entries without a crash finding', () => {
    const random = createRandom(11);
    for (let round = 0; round < 1000; round += 1) {
      const markdown = round % 2 === 0 ? trickyText(random, { maxPieces: 60 }) : renderPostmortems([generateEntry(random)]);
      const result = lintPostmortems(markdown, { file: 'fuzz.md' });
      expect(result.findings.some((finding) => finding.message.startsWith('Rule crashed'))).toBe(false);
    }
  });

  it('lints a 1000-entry file in well under a second', () => {
    const random = createRandom(5);
    const markdown = renderPostmortems(Array.from({ length: 1000 }, (_, n) => sampleEntry(String(n), { whatWentWell: trickyText(random) })));
    lintPostmortems(markdown, { file: 'big.md' });
    const started = performance.now();
    const result = lintPostmortems(markdown, { file: 'big.md' });
    const elapsed = performance.now() - started;
    expect(result.entryCount).toBe(1000);
    expect(elapsed).toBeLessThan(1500);
    console.info(`lint 1000 entries (${markdown.length} chars): ${elapsed.toFixed(1)} ms`);
  });
});

describe('lint formatters', () => {
  const result: LintResult = {
    file: 'docs/a:b,c.md',
    findings: [
      { ruleId: 'PM001', ruleName: 'missing-root-cause', severity: 'error', line: 3, column: 1, message: 'Entry "x" has no "Root cause".' },
      { ruleId: 'PM012', ruleName: 'blaming-language', severity: 'warning', line: 9, column: 4, message: '100% sure:\r\nline two, done' },
    ],
    errorCount: 1,
    warningCount: 1,
    entryCount: 1,
  };

  it('formats text as file:line:col rule message', () => {
    expect(formatLintText(result)).toBe(
      'docs/a:b,c.md:3:1 PM001/missing-root-cause Entry "x" has no "Root cause".\n' + 'docs/a:b,c.md:9:4 PM012/blaming-language 100% sure:\r\nline two, done\n',
    );
    expect(formatLintText({ ...result, findings: [] })).toBe('');
  });

  it('formats GitHub workflow commands with data and property escaping', () => {
    expect(formatLintGithub([result]).split('\n')).toEqual([
      '::error file=docs/a%3Ab%2Cc.md,line=3,col=1,title=PM001/missing-root-cause::Entry "x" has no "Root cause".',
      '::warning file=docs/a%3Ab%2Cc.md,line=9,col=4,title=PM012/blaming-language::100%25 sure:%0D%0Aline two, done',
      '',
    ]);
  });

  it('formats JSON with totals across files', () => {
    const parsed = JSON.parse(formatLintJson([result, { ...result, file: 'b.md' }])) as { files: LintResult[]; errorCount: number; warningCount: number };
    expect(parsed.errorCount).toBe(2);
    expect(parsed.warningCount).toBe(2);
    expect(parsed.files[0]).toEqual(result);
  });
});
