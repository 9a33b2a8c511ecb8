import { splitLines } from '../markdown-lines.js';
import { parsePostmortemLines } from '../parse.js';
import { resolveRules, resolveSettings } from './config.js';
import { directiveFilter } from './directives.js';
import { applyFixes } from './fix.js';
import { LINT_RULES } from './rules.js';
import type { LintConfig, LintContext, LintFinding, LintFix, LintResult, LintSeverity, ResolvedRule } from './types.js';

export { formatLintGithub, formatLintJson, formatLintText } from './format.js';
export { formatLintSarif } from './sarif.js';
export { LINT_RULES } from './rules.js';
export type { LintConfig, LintFinding, LintResult, LintRule, LintSeverity, RuleSetting } from './types.js';

/**
 * Lints a postmortems file. Throws only for a bad config (InputError); any markdown, however
 * foreign, yields findings. Kept free of heavy imports so `triage lint` starts fast.
 */
export function lintPostmortems(markdown: string, options: { file: string; config?: LintConfig }): LintResult {
  return lintLines(splitLines(markdown), options, markdown).result;
}

/** `lines` joined with "\n": the original text itself when splitting changed nothing but the last newline. */
function joinedText(lines: readonly string[], original: string | undefined): () => string {
  let text: string | undefined;
  return () => {
    if (text === undefined) {
      const plain = original !== undefined && !original.includes('\r') && !original.startsWith('\uFEFF');
      text = plain ? (original.endsWith('\n') ? original.slice(0, -1) : original) : lines.join('\n');
    }
    return text;
  };
}

interface LintRun {
  result: LintResult;
  fixes: LintFix[];
}

function lintLines(lines: readonly string[], options: { file: string; config?: LintConfig }, original?: string): LintRun {
  const rules = resolveRules(LINT_RULES, options.config);
  const parsed = parsePostmortemLines(lines);
  const context: LintContext = { parsed, lines, settings: resolveSettings(options.config), text: joinedText(lines, original) };
  const keep = context.text().includes('triage-') ? directiveFilter(lines, LINT_RULES) : null;
  const fixes: LintFix[] = [];
  const findings: LintFinding[] = [];
  for (const resolved of rules) {
    for (const { finding, fix } of runRule(resolved, context)) {
      if (keep && !keep(finding.ruleId, finding.line)) continue;
      findings.push(finding);
      if (fix) fixes.push(fix);
    }
  }
  // Plain comparison: localeCompare costs seconds on a file with 100,000 findings.
  findings.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  return { result: { file: options.file, findings, errorCount, warningCount: findings.length - errorCount, entryCount: parsed.entries.length }, fixes };
}

function runRule({ rule, severity }: ResolvedRule, context: LintContext): { finding: LintFinding; fix?: LintFix }[] {
  // Built field by field, not spread: a hostile file can have a hundred thousand findings.
  const finding = (line: number, column: number, message: string, level: LintSeverity): LintFinding => ({ ruleId: rule.id, ruleName: rule.name, severity: level, line, column, message });
  try {
    return rule.check(context).map((hit) => {
      const found = finding(hit.line, hit.column ?? 1, hit.message, severity);
      if (!hit.fix) return { finding: found };
      found.fixable = true;
      return { finding: found, fix: hit.fix };
    });
  } catch (error) {
    // A rule bug must not hide the other rules' findings, nor pass silently.
    return [{ finding: finding(1, 1, `Rule crashed on this file: ${(error as Error).message}`, 'error') }];
  }
}

export interface FixOutcome {
  /** The fixed text, byte for byte the input where nothing was fixed (line endings and BOM kept). */
  output: string;
  /** How many fixes were applied over all passes. */
  fixed: number;
  /** What is left after fixing. */
  result: LintResult;
}

const MAX_PASSES = 10;

/**
 * `triage lint --fix`: apply the safe fixes, lint again, repeat while fixes apply (one fix can
 * unblock another on the same line). Pure; the command writes the output atomically.
 */
export function fixPostmortems(markdown: string, options: { file: string; config?: LintConfig }): FixOutcome {
  const bom = markdown.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = /\r\n/.test(markdown) ? '\r\n' : '\n';
  const finalNewline = /[\r\n]$/.test(markdown);
  let lines = splitLines(markdown);
  let run = lintLines(lines, options);
  let fixed = 0;
  for (let pass = 0; pass < MAX_PASSES && run.fixes.length > 0; pass += 1) {
    const applied = applyFixes(lines, run.fixes);
    if (applied.count === 0) break;
    fixed += applied.count;
    lines = applied.lines;
    run = lintLines(lines, options);
  }
  const output = fixed === 0 ? markdown : bom + lines.join(eol) + (finalNewline ? eol : '');
  return { output, fixed, result: run.result };
}
