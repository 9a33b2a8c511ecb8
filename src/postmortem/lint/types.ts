import type { ParsedEntry, ParsedPostmortems } from '../parse.js';

export type LintSeverity = 'error' | 'warning';

export interface LintFinding {
  ruleId: string;
  ruleName: string;
  severity: LintSeverity;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export interface LintResult {
  file: string;
  findings: LintFinding[];
  errorCount: number;
  warningCount: number;
  entryCount: number;
}

/** Per rule (by ID `PM001` or name `missing-root-cause`): off, or the severity to report at. */
export type RuleSetting = 'off' | 'warning' | 'warn' | 'error' | boolean;

export interface LintConfig {
  rules?: Record<string, RuleSetting>;
}

/** What a rule sees: the parsed file plus its raw lines (for columns and text searches). */
export interface LintContext {
  parsed: ParsedPostmortems;
  lines: readonly string[];
}

export interface RuleHit {
  line: number;
  column?: number;
  message: string;
}

export interface LintRule {
  id: string;
  name: string;
  description: string;
  defaultSeverity: LintSeverity;
  check(context: LintContext): RuleHit[];
}

export interface ResolvedRule {
  rule: LintRule;
  severity: LintSeverity;
}

/** Most rules judge one entry at a time; this lifts such a check to the whole file. */
export function perEntry(check: (entry: ParsedEntry, context: LintContext) => RuleHit[]): LintRule['check'] {
  return (context) => context.parsed.entries.flatMap((entry) => check(entry, context));
}
