import { describe, expect, it } from 'vitest';
import { escapeGithubData, escapeGithubProperty } from '../../src/postmortem/lint/format.js';
import { formatLintGithub, formatLintJson, formatLintSarif, formatLintText, LINT_RULES, lintPostmortems, type LintResult } from '../../src/postmortem/lint/index.js';
import { artifactUri } from '../../src/postmortem/lint/sarif.js';

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

describe('text and JSON', () => {
  it('formats text as file:line:col rule message', () => {
    expect(formatLintText(result)).toBe(
      'docs/a:b,c.md:3:1 PM001/missing-root-cause Entry "x" has no "Root cause".\n' + 'docs/a:b,c.md:9:4 PM012/blaming-language 100% sure:\r\nline two, done\n',
    );
    expect(formatLintText({ ...result, findings: [] })).toBe('');
  });

  it('formats JSON with totals across files', () => {
    const parsed = JSON.parse(formatLintJson([result, { ...result, file: 'b.md' }])) as { files: LintResult[]; errorCount: number; warningCount: number };
    expect(parsed.errorCount).toBe(2);
    expect(parsed.warningCount).toBe(2);
    expect(parsed.files[0]).toEqual(result);
  });
});

describe('GitHub workflow commands', () => {
  it('formats annotations with data and property escaping', () => {
    expect(formatLintGithub([result]).split('\n')).toEqual([
      '::error file=docs/a%3Ab%2Cc.md,line=3,col=1,title=PM001/missing-root-cause::Entry "x" has no "Root cause".',
      '::warning file=docs/a%3Ab%2Cc.md,line=9,col=4,title=PM012/blaming-language::100%25 sure:%0D%0Aline two, done',
      '',
    ]);
  });

  it.each([
    ['%', '%25', '%25'],
    ['\r', '%0D', '%0D'],
    ['\n', '%0A', '%0A'],
    [':', ':', '%3A'],
    [',', ',', '%2C'],
    ['%0A', '%250A', '%250A'],
    ['a:b,c%\r\n', 'a:b,c%25%0D%0A', 'a%3Ab%2Cc%25%0D%0A'],
    ['::error::x', '::error::x', '%3A%3Aerror%3A%3Ax'],
  ])('escapes %j as data %j and as a property %j', (input, data, property) => {
    expect(escapeGithubData(input)).toBe(data);
    expect(escapeGithubProperty(input)).toBe(property);
  });

  it('never lets a message start a second command or cut a property short', () => {
    const hostile: LintResult = {
      ...result,
      file: 'x,line=1::y.md',
      findings: [{ ...result.findings[0]!, message: 'a\n::error file=evil.md::pwned' }],
    };
    const lines = formatLintGithub([hostile]).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const [, properties] = /^::error ([^:]*)::/.exec(lines[0]!) ?? [];
    expect(properties?.split(',')).toEqual(['file=x%2Cline=1%3A%3Ay.md', 'line=3', 'col=1', 'title=PM001/missing-root-cause']);
  });
});

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    columnKind: string;
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[] }[];
  }[];
}

describe('SARIF 2.1.0', () => {
  const sarif = (results: LintResult[]) => JSON.parse(formatLintSarif(results, { version: '9.9.9', rules: LINT_RULES })) as SarifLog;

  it('has the 2.1.0 envelope, the tool and every rule', () => {
    const log = sarif([result]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0]!.tool;
    expect(driver).toMatchObject({ name: 'triage', version: '9.9.9' });
    expect(driver.rules.map((rule) => rule.id)).toEqual(LINT_RULES.map((rule) => rule.id));
    for (const rule of driver.rules) {
      expect(rule.name).toMatch(/^[a-z-]+$/);
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
    }
    expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');
  });

  it('gives each finding a result pointing at its rule, file, line and column', () => {
    const log = sarif([result, { ...result, file: 'POSTMORTEMS.md', findings: [result.findings[1]!] }]);
    const { results, tool } = log.runs[0]!;
    expect(results).toHaveLength(3);
    for (const item of results) expect(tool.driver.rules[item.ruleIndex]!.id).toBe(item.ruleId);
    expect(results[1]).toEqual({
      ruleId: 'PM012',
      ruleIndex: 11,
      level: 'warning',
      message: { text: '100% sure:\r\nline two, done' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'docs/a%3Ab%2Cc.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 4 } } }],
    });
    expect(results[2]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('POSTMORTEMS.md');
  });

  it('is a valid log with no results for a clean file', () => {
    const log = sarif([lintPostmortems('# Postmortems\n', { file: 'POSTMORTEMS.md' })]);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it.each([
    ['POSTMORTEMS.md', { uri: 'POSTMORTEMS.md', uriBaseId: '%SRCROOT%' }],
    ['./docs/post mortems.md', { uri: 'docs/post%20mortems.md', uriBaseId: '%SRCROOT%' }],
    ['docs\\win.md', { uri: 'docs/win.md', uriBaseId: '%SRCROOT%' }],
    ['a#b?.md', { uri: 'a%23b%3F.md', uriBaseId: '%SRCROOT%' }],
    ['/abs/dir/x.md', { uri: 'file:///abs/dir/x.md' }],
    ['C:\\work\\x y.md', { uri: 'file:///C:/work/x%20y.md' }],
  ])('writes the file %j as the URI %j', (file, expected) => {
    expect(artifactUri(file)).toEqual(expected);
  });
});
