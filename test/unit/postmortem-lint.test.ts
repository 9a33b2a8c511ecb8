import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { LINT_RULES, lintPostmortems, type LintConfig, type LintResult } from '../../src/postmortem/lint/index.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { sampleEntry } from '../helpers/postmortem-entries.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/postmortems/${name}`, import.meta.url), 'utf8');
const found = (result: LintResult) => result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}/${finding.ruleName} ${finding.severity}`);
const lint = (markdown: string, config?: LintConfig) => lintPostmortems(markdown, { file: 'POSTMORTEMS.md', ...(config ? { config } : {}) });
const idsOf = (markdown: string, config?: LintConfig) => lint(markdown, config).findings.map((finding) => finding.ruleId);

/** One clean entry; `replace` swaps whole lines by their label, `add` appends lines and sections. */
function entry(options: { heading?: string; replace?: Record<string, string | null>; add?: string[] } = {}): string {
  const fields: [string, string][] = [
    ['Severity', '- **Severity:** high'],
    ['Root cause', '- **Root cause:** The pool was capped at 10 after the config refactor.'],
    ['Fix', '- **Fix:** Raised the cap to 50.'],
    ['Lesson', '- **Lesson:** Alert on pool saturation.'],
  ];
  const lines = fields.flatMap(([label, line]) => {
    const replaced = options.replace?.[label];
    return replaced === undefined ? [line] : replaced === null ? [] : [replaced];
  });
  return [options.heading ?? '## 2024-05-01 — Pool exhausted', '', ...lines, ...(options.add ?? [])].join('\n');
}
const file = (...entries: string[]) => `# Postmortems\n\n${entries.join('\n\n')}\n`;

describe('lintPostmortems', () => {
  it('finds nothing in entries triage renders', () => {
    const markdown = renderPostmortems([sampleEntry('a', { date: '2024-01-01' }), sampleEntry('b', { date: '2024-02-01' })]);
    expect(lint(markdown)).toEqual({ file: 'POSTMORTEMS.md', findings: [], errorCount: 0, warningCount: 0, entryCount: 2 });
  });

  it('finds nothing in a 30-word solo entry', () => {
    expect(idsOf(file(entry({ replace: { Severity: '- **Severity:** low' } })))).toEqual([]);
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
      '36:5 PM005/invalid-date error',
      '40:1 PM008/action-item-owner warning',
      '40:31 PM005/invalid-date error',
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

  it('has unique rule IDs and names in markdownlint style, in ID order', () => {
    expect(new Set(LINT_RULES.map((rule) => rule.id)).size).toBe(LINT_RULES.length);
    expect(new Set(LINT_RULES.map((rule) => rule.name)).size).toBe(LINT_RULES.length);
    for (const rule of LINT_RULES) expect(`${rule.id}/${rule.name}`).toMatch(/^PM\d{3}\/[a-z]+(-[a-z]+)*$/);
    expect(LINT_RULES.map((rule) => rule.id)).toEqual(LINT_RULES.map((_, index) => `PM${String(index + 1).padStart(3, '0')}`));
  });
});

// Every rule, positive and negative: [id, a file that breaks only it, a close file that passes it].
const RULE_CASES: [string, string, string, string][] = [
  ['PM001', 'missing root cause', file(entry({ replace: { 'Root cause': null } })), file(entry())],
  ['PM001', 'blank root cause', file(entry({ replace: { 'Root cause': '- **Root cause:**' } })), file(entry({ replace: { 'Root cause': '- **Root cause:** x' } }))],
  ['PM002', 'missing fix', file(entry({ replace: { Fix: null } })), file(entry({ replace: { Fix: '- **Resolution:** Raised the cap.' } }))],
  ['PM003', 'missing lesson', file(entry({ replace: { Lesson: null } })), file(entry({ replace: { Lesson: '- **Lessons learned:** watch the pool' } }))],
  ['PM004', 'undated heading', file(entry({ heading: '## Pool exhausted on 2024-05-01' })), file(entry({ heading: '## 2024-05-01: Pool exhausted' }))],
  ['PM005', 'impossible heading date', file(entry({ heading: '## 2024-02-30 — Pool exhausted' })), file(entry({ heading: '## 2024-02-29 — Pool exhausted' }))],
  ['PM005', 'impossible field time', file(entry({ add: ['- **Detected at:** 2024-05-01 25:10'] })), file(entry({ add: ['- **Detected at:** 2024-05-01 23:10'] }))],
  ['PM005', 'impossible due date', file(entry({ add: ['', '### Action items', '', '- [ ] Add an alert — owner: @me, due: 2024-13-01'] })), file(entry({ add: ['', '### Action items', '', '- [ ] Add an alert — owner: @me, due: 2024-12-01'] }))],
  ['PM005', 'impossible timeline time', file(entry({ add: ['', '### Timeline', '', '- **2024-04-31 10:00** Alert fired.'] })), file(entry({ add: ['', '### Timeline', '', '- **2024-04-30 10:00** Alert fired.'] }))],
  ['PM006', 'timeline out of order', file(entry({ add: ['', '### Timeline', '', '- **2024-05-01 10:20** Fixed.', '- **2024-05-01 10:00** Alert fired.'] })), file(entry({ add: ['', '### Timeline', '', '- **2024-05-01 10:00** Alert fired.', '- **2024-05-01 10:20** Fixed.'] }))],
  ['PM007', 'no severity', file(entry({ replace: { Severity: null } })), file(entry())],
  ['PM008', 'open item without owner', file(entry({ add: ['', '### Action items', '', '- [ ] Add an alert — due: 2024-06-01'] })), file(entry({ add: ['', '### Action items', '', '- [x] Add an alert — due: 2024-06-01'] }))],
  ['PM009', 'same date and title twice', file(entry(), entry()), file(entry(), entry({ heading: '## 2024-05-01 — Pool exhausted again' }))],
  ['PM010', 'newer entry first', file(entry({ heading: '## 2024-06-01 — Later' }), entry()), file(entry(), entry({ heading: '## 2024-06-01 — Later' }))],
  ['PM011', 'unknown field', file(entry({ add: ['- **Root casue:** typo'] })), file(entry({ add: ['- **Trigger:** deploy 1.8'] }))],
  ['PM011', 'unknown section', file(entry({ add: ['', '### Random notes', '', 'text'] })), file(entry({ add: ['', '### What went well', '', 'text'] }))],
  ['PM012', 'judging word', file(entry({ add: ['- **Impact:** A careless deploy took checkout down.'] })), file(entry({ add: ['- **Impact:** A deploy without a canary took checkout down.'] }))],
  ['PM012', 'a handle next to a blame word', file(entry({ add: ['- **Trigger:** @bob forgot to run the migration.'] })), file(entry({ add: ['- **Trigger:** The migration was not run; nothing checks for it.'] }))],
  ['PM012', 'caused by an owner', file(entry({ add: ['- **Trigger:** The outage was caused by Ana.', '', '### Action items', '', '- [ ] Add a check — owner: Ana'] })), file(entry({ add: ['- **Trigger:** The outage was caused by a config change.', '', '### Action items', '', '- [ ] Add a check — owner: Ana'] }))],
  ['PM013', 'recurrence of nothing', file(entry({ add: ['- **Recurrence of:** 2023-01-01'] })), file(entry({ heading: '## 2023-01-01 — First' }), entry({ add: ['- **Recurrence of:** 2023-01-01'] }))],
  ['PM013', 'recurrence of a later entry', file(entry({ add: ['- **Recurrence of:** Later'] }), entry({ heading: '## 2024-06-01 — Later' })), file(entry({ heading: '## 2024-06-01 — Later' }), entry({ heading: '## 2024-07-01 — Again', add: ['- **Recurrence of:** 2024-06-01 — Later'] }))],
  ['PM014', 'acknowledged before detected', file(entry({ add: ['- **Detected at:** 2024-05-01 10:20', '- **Acknowledged at:** 2024-05-01 10:05'] })), file(entry({ add: ['- **Detected at:** 2024-05-01 10:05', '- **Acknowledged at:** 2024-05-01 10:20'] }))],
  ['PM014', 'resolved before started, with offsets', file(entry({ add: ['- **Started at:** 2024-05-01T10:00:00+00:00', '- **Resolved at:** 2024-05-01T11:30:00+02:00'] })), file(entry({ add: ['- **Started at:** 2024-05-01T10:00:00+00:00', '- **Resolved at:** 2024-05-01T12:30:00+02:00'] }))],
  ['PM015', 'severity outside the set', file(entry({ replace: { Severity: '- **Severity:** sev9' } })), file(entry({ replace: { Severity: '- **Severity:** critical' } }))],
  ['PM016', 'duration disagrees', file(entry({ add: ['- **Started at:** 2024-05-01 10:00', '- **Resolved at:** 2024-05-01 11:48', '- **Duration:** 30 min'] })), file(entry({ add: ['- **Started at:** 2024-05-01 10:00', '- **Resolved at:** 2024-05-01 11:48', '- **Duration:** 1 h 48 min'] }))],
  ['PM016', 'duration unreadable', file(entry({ add: ['- **Duration:** a while'] })), file(entry({ add: ['- **Duration:** about 40 minutes'] }))],
  ['PM017', 'dated heading without a title', file(entry({ heading: '## 2024-05-01' })), file(entry({ heading: '## 2024-05-01 — x' }))],
  ['PM018', 'heading not in triage form', file(entry({ heading: '## 2024-05-01 - Pool exhausted' })), file(entry({ heading: '## 2024-05-01 — Pool exhausted' }))],
];

describe('every rule, positive and negative', () => {
  it('covers every rule', () => {
    expect(new Set(RULE_CASES.map(([id]) => id))).toEqual(new Set(LINT_RULES.map((rule) => rule.id)));
  });

  it.each(RULE_CASES)('%s fires on %s', (id, _name, bad) => {
    expect(idsOf(bad)).toContain(id);
  });

  it.each(RULE_CASES)('%s stays quiet beside %s', (id, _name, _bad, good) => {
    expect(idsOf(good)).not.toContain(id);
  });
});

describe('rule details', () => {
  it.each([
    ['## 2024-02-30 — Not a day', '1:4 PM005/invalid-date error'],
    ['## 2024-1-5 — Short month', '1:4 PM005/invalid-date error'],
    ['## Outage on 2024-01-05', '1:1 PM004/missing-date error'],
    ['## 2024-02-29 — Leap day is fine', null],
  ])('judges the heading date of %j', (heading, expected) => {
    const markdown = `${heading}\n\n- **Severity:** low\n- **Root cause:** a\n- **Fix:** b\n- **Lesson:** c\n`;
    expect(found(lint(markdown))).toEqual(expected ? [expected] : []);
  });

  it('does not take "git blame", a "page fault" or a system that broke for blame', () => {
    const markdown = file(entry({ add: ['- **Impact:** a page fault; git blame showed the commit', '- **Trigger:** The deploy broke checkout; the cron job forgot nothing.'] }));
    expect(idsOf(markdown)).toEqual([]);
  });

  it('names the person and the blame word, at the person', () => {
    const [finding] = lint(file(entry({ add: ["- **Trigger:** Dave's mistake in the config."] })), { blame: { people: ['Dave'] } }).findings;
    expect(finding).toMatchObject({ ruleId: 'PM012', line: 9, column: 16 });
    expect(finding?.message).toContain(`"Dave's mistake"`);
  });

  it('finds a person a word or two before the blame word, in any case, however far into the file', () => {
    const padding = Array.from({ length: 30 }, (_, index) => `- **Impact:** error rate ${index}% for a while.`);
    for (const [trigger, person] of [
      ['Dave Smith accidentally broke the config.', 'Dave Smith accidentally broke'],
      ['Then he accidentally dropped the table.', 'he accidentally dropped'],
      ['ANA forgot the index.', 'ANA forgot'],
      ["The outage was Ana's mistake.", "Ana's mistake"],
    ]) {
      const markdown = file(entry(), entry({ heading: '## 2024-06-01 — Later', add: [...padding, `- **Trigger:** ${trigger}`, '', '### Action items', '', '- [ ] Add a check — owner: @ana'] }));
      const messages = lint(markdown, { blame: { people: ['Dave Smith'], words: ['dropped'] } }).findings.filter((finding) => finding.ruleId === 'PM012').map((finding) => finding.message);
      expect(messages, trigger).toEqual([expect.stringContaining(`"${person}"`)]);
    }
  });

  it('takes blame words, people and allowed phrases from the config', () => {
    const markdown = file(entry({ add: ['- **Trigger:** Carol overlooked the alert; Human Error Inc. was not involved.'] }));
    expect(idsOf(markdown)).toEqual(['PM012']);
    expect(lint(markdown, { blame: { people: ['Carol'], allow: ['Human Error Inc'] } }).findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('"Carol overlooked"'),
    ]);
    expect(idsOf(file(entry({ add: ['- **Trigger:** Carol botched the deploy.'] })), { blame: { people: ['Carol'], words: ['botched'] } })).toEqual(['PM012']);
  });

  it('checks severity against the configured set and suggests its spelling', () => {
    const markdown = file(entry({ replace: { Severity: '- **Severity:** SEV2' } }));
    expect(idsOf(markdown, { severities: ['SEV1', 'SEV2', 'SEV3'] })).toEqual([]);
    const [finding] = lint(file(entry({ replace: { Severity: '- **Severity:** sev2' } })), { severities: ['SEV1', 'SEV2'] }).findings;
    expect(finding).toMatchObject({ ruleId: 'PM015', fixable: true });
    expect(finding?.message).toContain('written "SEV2"');
  });

  it('reads a missing start as "the impact began before detection": only a shorter duration is wrong', () => {
    const times = ['- **Detected at:** 2024-05-01 10:00', '- **Resolved at:** 2024-05-01 11:00'];
    expect(idsOf(file(entry({ add: [...times, '- **Duration:** 2 h'] })))).toEqual([]);
    expect(idsOf(file(entry({ add: [...times, '- **Duration:** 1 h 2 min'] })))).toEqual([]);
    expect(idsOf(file(entry({ add: [...times, '- **Duration:** 20 min'] })))).toEqual(['PM016']);
  });

  it('accepts a recurrence by date, by title, or by both, case and spacing aside', () => {
    const first = entry({ heading: '## 2024-01-01 — Pool Exhausted' });
    for (const reference of ['2024-01-01', 'pool exhausted', '2024-01-01 — Pool  exhausted', '2024-01-01 Pool Exhausted']) {
      expect(idsOf(file(first, entry({ heading: '## 2024-02-01 — Again', add: [`- **Recurrence of:** ${reference}`] }))), reference).toEqual([]);
    }
  });

  it('suggests the field a typo meant', () => {
    const [finding] = lint(file(entry({ add: ['- **Root casue:** x'] }))).findings;
    expect(finding?.message).toContain('did you mean "Root cause"?');
  });

  it('turns rules off or changes their severity by ID or name, case-insensitively', () => {
    const config = { rules: { PM001: 'off', 'missing-fix': false, 'Missing-Lesson': 'warning', pm004: 'warn', PM007: true } } as const;
    expect(found(lint('## Undated\n', config))).toEqual(['1:1 PM003/missing-lesson warning', '1:1 PM004/missing-date warning', '1:1 PM007/missing-severity warning']);
  });

  it('rejects an unknown rule or setting with one sentence naming it', () => {
    expect(() => lint('', { rules: { PM999: 'off' } })).toThrow(InputError);
    expect(() => lint('', { rules: { PM999: 'off' } })).toThrow(/^Unknown lint rule "PM999" in the config; known rules are PM001, /);
    expect(() => lint('', { rules: { PM001: 'loud' as 'off' } })).toThrow(/PM001\/missing-root-cause is set to "loud"/);
  });
});
