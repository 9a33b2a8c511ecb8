import type { ParsedEntry, ParsedPostmortems } from '../parse.js';

export type LintSeverity = 'error' | 'warning';

/** Replace lines `from`..`to` (1-based, inclusive) with `lines`: a fix is always whole lines. */
export interface LintFix {
  from: number;
  to: number;
  lines: string[];
}

export interface LintFinding {
  ruleId: string;
  ruleName: string;
  severity: LintSeverity;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** Set when `triage lint --fix` can repair this finding. */
  fixable?: boolean;
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

export interface BlameConfig {
  /** Words that blame when a person stands next to them; added to the built-in list. */
  words?: string[];
  /** Names of people (teammates, handles without @) to recognise next to blame words. */
  people?: string[];
  /** Phrases never to report, e.g. a product called "Human Error". */
  allow?: string[];
}

/** The `lint` part of .triagerc.json (or package.json "triage"), plus the shared severities. */
export interface LintConfig {
  rules?: Record<string, RuleSetting>;
  /** Allowed values of "Severity", in order from worst; default critical, high, medium, low, info. */
  severities?: string[];
  blame?: BlameConfig;
}

export const DEFAULT_SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Settings the rules read, with defaults filled in. */
export interface LintSettings {
  severities: readonly string[];
  blame: Required<BlameConfig>;
}

/** What a rule sees: the parsed file plus its raw lines (for columns and text searches). */
export interface LintContext {
  parsed: ParsedPostmortems;
  lines: readonly string[];
  settings: LintSettings;
  /** The lines joined with "\n" (the file itself when it has no CR or BOM, so no copy is made). */
  text(): string;
}

export interface RuleHit {
  line: number;
  column?: number;
  message: string;
  fix?: LintFix;
}

export interface LintRule {
  id: string;
  name: string;
  description: string;
  defaultSeverity: LintSeverity;
  /** True when some of its findings carry a safe, mechanical fix. */
  fixable?: boolean;
  check(context: LintContext): RuleHit[];
}

export interface ResolvedRule {
  rule: LintRule;
  severity: LintSeverity;
}

/** What most entries yield: shared, so a clean 1,000-entry file allocates nothing per rule and entry. */
export const NO_HITS: readonly RuleHit[] = Object.freeze([]);

/** Most rules judge one entry at a time; this lifts such a check to the whole file. */
export function perEntry(check: (entry: ParsedEntry, context: LintContext) => readonly RuleHit[]): LintRule['check'] {
  return (context) => {
    const hits: RuleHit[] = [];
    const entries = context.parsed.entries;
    for (let index = 0; index < entries.length; index += 1) {
      const found = check(entries[index]!, context);
      for (let at = 0; at < found.length; at += 1) hits.push(found[at]!);
    }
    return hits;
  };
}
