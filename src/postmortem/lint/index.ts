import { splitLines } from '../markdown-lines.js';
import { parsePostmortemLines } from '../parse.js';
import { resolveRules } from './config.js';
import { LINT_RULES } from './rules.js';
import type { LintConfig, LintContext, LintFinding, LintResult, ResolvedRule } from './types.js';

export { formatLintGithub, formatLintJson, formatLintText } from './format.js';
export { LINT_RULES } from './rules.js';
export type { LintConfig, LintFinding, LintResult, LintRule, LintSeverity, RuleSetting } from './types.js';

/**
 * Lints a postmortems file. Throws only for a bad config (InputError); any markdown, however
 * foreign, yields findings. Kept free of heavy imports so `triage lint` starts fast.
 */
export function lintPostmortems(markdown: string, options: { file: string; config?: LintConfig }): LintResult {
  const rules = resolveRules(LINT_RULES, options.config);
  const lines = splitLines(markdown);
  const parsed = parsePostmortemLines(lines);
  const context: LintContext = { parsed, lines };
  const findings = rules.flatMap((resolved) => runRule(resolved, context));
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  return { file: options.file, findings, errorCount, warningCount: findings.length - errorCount, entryCount: parsed.entries.length };
}

function runRule({ rule, severity }: ResolvedRule, context: LintContext): LintFinding[] {
  const base = { ruleId: rule.id, ruleName: rule.name, severity };
  try {
    return rule.check(context).map((hit) => ({ ...base, line: hit.line, column: hit.column ?? 1, message: hit.message }));
  } catch (error) {
    // A rule bug must not hide the other rules' findings, nor pass silently.
    return [{ ...base, severity: 'error', line: 1, column: 1, message: `Rule crashed on this file: ${(error as Error).message}` }];
  }
}
