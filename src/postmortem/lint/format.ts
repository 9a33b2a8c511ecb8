import type { LintFinding, LintResult } from './types.js';

/** Output forms for `triage lint`: text for people, JSON for scripts, workflow commands for GitHub Actions. */

type Results = LintResult | readonly LintResult[];

const asList = (results: Results): readonly LintResult[] => (Array.isArray(results) ? results : [results as LintResult]);
const ruleLabel = (finding: LintFinding) => `${finding.ruleId}/${finding.ruleName}`;

function eachFinding(results: Results, format: (file: string, finding: LintFinding) => string): string {
  const lines = asList(results).flatMap((result) => result.findings.map((finding) => format(result.file, finding)));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `file:line:col PM001/missing-root-cause message`, one finding a line. */
export function formatLintText(results: Results): string {
  return eachFinding(results, (file, finding) => `${file}:${finding.line}:${finding.column} ${ruleLabel(finding)} ${finding.message}`);
}

export function formatLintJson(results: Results): string {
  const files = asList(results);
  const errorCount = files.reduce((sum, result) => sum + result.errorCount, 0);
  const warningCount = files.reduce((sum, result) => sum + result.warningCount, 0);
  return `${JSON.stringify({ files, errorCount, warningCount }, null, 2)}\n`;
}

/** Escaping for a workflow command's message (per @actions/core's `escapeData`). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a workflow command's property values, where `:` and `,` are delimiters. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=F,line=L,col=C,title=PM001/missing-root-cause::message`: annotations on the PR diff. */
export function formatLintGithub(results: Results): string {
  return eachFinding(results, (file, finding) => {
    const properties: [string, string][] = [
      ['file', file],
      ['line', String(finding.line)],
      ['col', String(finding.column)],
      ['title', ruleLabel(finding)],
    ];
    const encoded = properties.map(([key, value]) => `${key}=${escapeGithubProperty(value)}`).join(',');
    return `::${finding.severity} ${encoded}::${escapeGithubData(finding.message)}`;
  });
}
