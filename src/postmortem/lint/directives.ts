import type { LintRule } from './types.js';
import { ruleLookup } from './config.js';

/**
 * Inline comments that silence rules, as in markdownlint:
 *
 *   <!-- triage-disable-next-line PM007 -->        the line after the comment
 *   <!-- triage-disable-line blaming-language -->  the comment's own line
 *   <!-- triage-disable PM012 -->  …  <!-- triage-enable PM012 -->
 *
 * Rules are named by ID or name, separated by spaces or commas; none named means all rules.
 * Comments inside fenced code are examples, not directives.
 */

type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

interface Directive {
  line: number;
  kind: DirectiveKind;
  /** Rule IDs, or null for every rule. */
  rules: Set<string> | null;
}

const DIRECTIVE = /<!--\s*triage-(disable-next-line|disable-line|disable|enable)\b([^]*?)-->/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function fencedLines(lines: readonly string[]): boolean[] {
  const fenced: boolean[] = [];
  let open: string | null = null;
  for (const line of lines) {
    const run = FENCE.exec(line)?.[1];
    if (open === null && run) {
      open = run;
      fenced.push(true);
    } else if (open !== null) {
      if (run && run[0] === open[0] && run.length >= open.length && line.trim() === run) open = null;
      fenced.push(true);
    } else {
      fenced.push(false);
    }
  }
  return fenced;
}

function parseDirectives(lines: readonly string[], rules: readonly LintRule[]): Directive[] {
  const lookup = ruleLookup(rules);
  const fenced = fencedLines(lines);
  const directives: Directive[] = [];
  lines.forEach((text, index) => {
    if (fenced[index] || !text.includes('triage-')) return;
    for (const match of text.matchAll(DIRECTIVE)) {
      const names = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
      const ids = names.flatMap((name) => lookup.get(name.toLowerCase())?.id ?? []);
      // Naming only unknown rules silences nothing, rather than everything.
      if (names.length > 0 && ids.length === 0) continue;
      directives.push({ line: index + 1, kind: match[1] as DirectiveKind, rules: names.length === 0 ? null : new Set(ids) });
    }
  });
  return directives;
}

const covers = (directive: Directive, ruleId: string): boolean => directive.rules === null || directive.rules.has(ruleId);

/** Whether a finding of `ruleId` on `line` is silenced: block state up to the line, then line comments. */
function isSilenced(directives: readonly Directive[], ruleId: string, line: number): boolean {
  let silenced = false;
  for (const directive of directives) {
    if (directive.line > line) break;
    if ((directive.kind === 'disable' || directive.kind === 'enable') && covers(directive, ruleId)) silenced = directive.kind === 'disable';
    if (directive.kind === 'disable-line' && directive.line === line && covers(directive, ruleId)) return true;
    if (directive.kind === 'disable-next-line' && directive.line === line - 1 && covers(directive, ruleId)) return true;
  }
  return silenced;
}

/** A filter for findings, or null when the file has no directives (the common case costs nothing). */
export function directiveFilter(lines: readonly string[], rules: readonly LintRule[]): ((ruleId: string, line: number) => boolean) | null {
  if (!lines.some((line) => line.includes('triage-'))) return null;
  const directives = parseDirectives(lines, rules);
  if (directives.length === 0) return null;
  return (ruleId, line) => !isSilenced(directives, ruleId, line);
}
