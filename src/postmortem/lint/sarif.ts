import type { LintFinding, LintResult, LintRule } from './types.js';

/**
 * SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) import: one run, the
 * tool with every rule (so results can point at them by index), one result per finding.
 */

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A file name as a URI reference: relative paths stay relative (to %SRCROOT%), each segment encoded. */
export function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${slashed.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}` };
  if (slashed.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded.replace(/^\.\//, ''), uriBaseId: '%SRCROOT%' };
}

function sarifRule(rule: LintRule) {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: `${rule.id}/${rule.name}` },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: rule.defaultSeverity },
    properties: { tags: ['postmortem'], fixable: rule.fixable === true },
  };
}

function sarifResult(file: string, finding: LintFinding, ruleIndex: number) {
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: finding.severity,
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: artifactUri(file), region: { startLine: finding.line, startColumn: finding.column } } }],
  };
}

export function formatLintSarif(results: LintResult | readonly LintResult[], tool: { version: string; rules: readonly LintRule[] }): string {
  const files: readonly LintResult[] = Array.isArray(results) ? results : [results as LintResult];
  const index = new Map(tool.rules.map((rule, at) => [rule.id, at]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'triage', version: tool.version, rules: tool.rules.map(sarifRule) } },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((result) => result.findings.map((finding) => sarifResult(result.file, finding, index.get(finding.ruleId) ?? -1))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
