import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixPostmortems, formatLintGithub, formatLintSarif, formatLintText, LINT_RULES, lintPostmortems, type LintResult } from '../../src/postmortem/lint/index.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { computeStats } from '../../src/postmortem/stats.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { createRandom, generateEntry, pick, trickyText } from '../helpers/postmortem-entries.js';

/**
 * "It never crashes on other people's markdown": lint, --fix, the formatters and stats over the
 * shapes postmortems take in the wild (templates, tables, free prose, other tools' front matter)
 * and over broken, truncated and shuffled versions of what triage writes.
 */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/postmortems/${name}`, import.meta.url), 'utf8');
// Shapes of public postmortems (templates with tables, bold-time timelines, free prose), written for these tests.
const FIXTURES = readdirSync(new URL('../fixtures/postmortems/', import.meta.url)).filter((name) => name.endsWith('.md'));

function expectSane(markdown: string, label: string): LintResult {
  const result = lintPostmortems(markdown, { file: 'x.md' });
  const lines = markdown.split(/\r\n|\r|\n/).length;
  expect(result.findings.filter((finding) => finding.message.startsWith('Rule crashed')), label).toEqual([]);
  for (const finding of result.findings) {
    expect(finding.line, label).toBeGreaterThanOrEqual(1);
    expect(finding.line, label).toBeLessThanOrEqual(lines);
    expect(finding.column, label).toBeGreaterThanOrEqual(1);
  }
  formatLintText(result);
  formatLintGithub(result);
  formatLintSarif(result, { version: '0', rules: LINT_RULES });
  const fixed = fixPostmortems(markdown, { file: 'x.md' });
  expect(fixed.result.findings.filter((finding) => finding.message.startsWith('Rule crashed')), label).toEqual([]);
  computeStats(parsePostmortems(markdown).entries, { severities: ['high'], today: '2024-06-01' });
  return result;
}

// Shapes seen in public postmortem repositories and templates, written for these tests.
const BLOCKS = [
  '# Incident report: API outage\n\n**Date:** 2024-03-02\n**Authors:** SRE team\n**Status:** Complete, action items in progress',
  '## Summary\n\nOn Monday the API returned 503s for 42 minutes.',
  '## Timeline\n\nAll times UTC.\n\n| Time | Event |\n| :--- | --- |\n| 2024-03-02 11:21 | Deploy |\n| 11:52 | Rolled back |',
  '## Timeline\n\n- **16:58 UTC** - Writer database saturated\n- **17:02 UTC** - [Deploy](https://example.com/pr/1) reduced the timeout\n\n<img width="100" alt="graph" src="https://example.com/x.png" />',
  '## Root Cause Analysis\n\n1. The timeout dropped from 1 s to 300 ms.\n2. Retries amplified load.\n   - no backoff\n   - no budget',
  '## Action Items\n\n| Action | Owner | Due |\n|---|---|---|\n| Add backoff | @ana | 2024-04-01 |',
  '## Lessons Learned\n\n> What went well\n>\n> - quick rollback\n\n> What went wrong\n> - no alert',
  '```\n{"level":"ERROR","msg":"pool timed out"}\nthread main panicked\n```',
  '```log\nunterminated fence with ## 2024-01-01 — Fake heading inside',
  '---\ntitle: Outage\ndate: 2024-03-02\ntags: [db]\n---',
  'Setext heading\n==============\n\nAnother\n-------',
  '<details>\n<summary>Logs</summary>\n\n## Not a heading in raw HTML?\n\n</details>',
  '<!-- triage-disable PM001 -->\n<!-- triage-enable -->\n<!-- triage-disable-next-line -->',
  '## 2024-02-31: Impossible date\n\n- Root cause: plain bullet\n- **Fix**: colon outside\n* [X] done item — owner: , due:\n- [ ] — owner: @x, due: soon',
  '## 2024-05-01 — Times\n\n- **Detected at:** 10:02\n- **Resolved at:** yesterday\n- **Duration:** ∞\n- **Started at:** 2024-05-01T25:99:00Z',
  '### Orphan section before any entry\n\n- [ ] item',
  '####### seven hashes\n#no-space heading\n   ## indented heading\n    ## code-indented heading',
  '## \n\n## ###\n\n## 2024-05-01 —\n\n## — only a dash',
  '\t- tabbed bullet\n  * star bullet\n+ plus bullet\n1) ordered\n10000000000. too long ordered',
  '[link]: https://example.com\n![image](x.png)\n\\## escaped heading\n&#35;# entity heading',
  'Free prose with no headings at all: the deploy broke login, we rolled back, lesson: canaries. ' + 'x'.repeat(5000),
  '## 2024-05-01 — Recurrence\n\n- **Recurrence of:** 2024-05-01\n- **Recurrence of:** itself\n- **Severity:**\n- **Severity:** SEV-1',
  '😀 emoji ‮ right-to-left override ​ zero width \u0000 nul \uFFFD replacement \uD800 lone surrogate',
];

function randomDocument(random: () => number): string {
  const parts = Array.from({ length: 1 + Math.floor(random() * 8) }, () => (random() < 0.8 ? pick(random, BLOCKS) : trickyText(random, { maxPieces: 20 })));
  const joined = parts.join(pick(random, ['\n\n', '\n', '\r\n\r\n', '\r', '']));
  return (random() < 0.1 ? '\uFEFF' : '') + joined;
}

/** What triage wrote, after hand edits went wrong: lines dropped, doubled, swapped, cut off. */
function mutated(random: () => number): string {
  const lines = renderPostmortems(Array.from({ length: 1 + Math.floor(random() * 4) }, () => generateEntry(random))).split('\n');
  for (let edit = 0; edit < 1 + Math.floor(random() * 6); edit += 1) {
    const at = Math.floor(random() * lines.length);
    const kind = Math.floor(random() * 5);
    if (kind === 0) lines.splice(at, 1);
    else if (kind === 1) lines.splice(at, 0, lines[at] ?? '');
    else if (kind === 2) lines.splice(at, 1, lines[Math.floor(random() * lines.length)] ?? '');
    else if (kind === 3) lines[at] = (lines[at] ?? '').slice(0, Math.floor(random() * 20));
    else lines.splice(at, 0, pick(random, BLOCKS));
  }
  return lines.join('\n');
}

describe('lint never crashes on other people\'s markdown', () => {
  it.each(FIXTURES)('lints the %s fixture', (name) => {
    expectSane(fixture(name), name);
  });

  it('reads a foreign template as entries to fix, not as a crash: undated sections, tables, a second H1', () => {
    const result = expectSane(fixture('template-sections.md'), 'template');
    expect(result.entryCount).toBe(5);
    expect(result.findings.filter((finding) => finding.ruleId === 'PM004')).toHaveLength(5);
  });

  it('finds no entries in free prose', () => {
    expect(expectSane(fixture('prose-only.md'), 'prose').entryCount).toBe(0);
  });

  it.each(BLOCKS.map((block, index) => [index, block]))('lints shape %i alone', (index, block) => {
    expectSane(block as string, `block ${String(index)}`);
  });

  it('lints 800 random documents built from those shapes', () => {
    const random = createRandom(11);
    for (let round = 0; round < 800; round += 1) expectSane(randomDocument(random), `round ${round}`);
  });

  it('lints 500 damaged versions of files triage wrote', () => {
    const random = createRandom(29);
    for (let round = 0; round < 500; round += 1) expectSane(mutated(random), `round ${round}`);
  });

  it('lints the empty file, one newline, a lone heading and huge inputs', () => {
    for (const text of ['', '\n', '#', '##', '## 2024-05-01 — x', '\r\n\r\n', '-'.repeat(200_000), `${'> '.repeat(5000)}x`, `${'- '.repeat(5000)}x`, '`'.repeat(10_000), '## a\n'.repeat(5000)]) {
      expectSane(text, JSON.stringify(text.slice(0, 30)));
    }
  });
});
