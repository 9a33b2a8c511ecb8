import type { LintFix } from './types.js';

/**
 * Applies whole-line fixes that do not overlap; overlapping ones wait for the next pass, after
 * the file is linted again (the caller loops). Identical fixes reported by several findings
 * (one reorder for a run of out-of-order entries) are applied once.
 */
export function applyFixes(lines: readonly string[], fixes: readonly LintFix[]): { lines: string[]; count: number } {
  const unique = new Map<string, LintFix>();
  for (const fix of fixes) unique.set(`${fix.from}:${fix.to}:${fix.lines.join('\n')}`, fix);
  const ordered = [...unique.values()].sort((a, b) => a.from - b.from || a.to - b.to);
  const chosen: LintFix[] = [];
  for (const fix of ordered) {
    const previous = chosen[chosen.length - 1];
    if (fix.from < 1 || fix.to < fix.from - 1 || fix.to > lines.length) continue;
    if (previous && fix.from <= previous.to) continue;
    // A fix that changes nothing would keep the fix loop spinning.
    if (lines.slice(fix.from - 1, fix.to).join('\n') === fix.lines.join('\n')) continue;
    chosen.push(fix);
  }
  const result = [...lines];
  for (const fix of chosen.reverse()) result.splice(fix.from - 1, fix.to - fix.from + 1, ...fix.lines);
  return { lines: result, count: chosen.length };
}
