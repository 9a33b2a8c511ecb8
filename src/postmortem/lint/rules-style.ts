import { renderEntryHeading } from '../render.js';
import { isValidIsoDate } from './dates.js';
import { columnOf, replaceOnLine } from './rules-required.js';
import { NO_HITS, perEntry, type LintRule } from './types.js';

/** Rules about spelling things the one way triage (and stats) read them. */

export const invalidSeverity: LintRule = {
  id: 'PM015',
  name: 'invalid-severity',
  description: '"Severity" is one of the configured severities (default critical, high, medium, low, info).',
  defaultSeverity: 'error',
  fixable: true,
  check: perEntry((entry, context) => {
    const value = entry.entry.severity?.trim();
    const allowed = context.settings.severities;
    if (!value || allowed.includes(value)) return NO_HITS;
    const line = entry.fieldLines.severity ?? entry.line;
    const spelled = allowed.find((severity) => severity.toLowerCase() === value.toLowerCase());
    const message = spelled
      ? `Severity "${value}" is written "${spelled}" in this project.`
      : `Severity "${value}" is not one of ${allowed.join(', ')}; set "severities" in .triagerc.json to use your own scale.`;
    // Only a bullet whose value is that one line can have its spelling fixed in place.
    const lineText = context.lines[line - 1] ?? '';
    const fix = spelled && lineText.trimEnd().endsWith(value) ? replaceOnLine(context, line, `${value}`, spelled) : undefined;
    return [{ line, column: columnOf(context, line, value), message, ...(fix ? { fix } : {}) }];
  }),
};

const CANONICAL_HEADING = /^## \d{4}-\d{2}-\d{2} — \S(?:.*[^ \t#])?$/;

export const headingStyle: LintRule = {
  id: 'PM018',
  name: 'heading-style',
  description: 'Entry headings are written "## YYYY-MM-DD — Title" (an em dash between date and title), as triage writes them.',
  defaultSeverity: 'warning',
  fixable: true,
  check: perEntry((entry, context) => {
    const { date, title } = entry.entry;
    const line = context.lines[entry.line - 1] ?? '';
    // A bad date is PM005's to report (and pad); this rule judges only the shape around a good one.
    if (date === undefined || !isValidIsoDate(date) || title === undefined || title.trim() === '' || CANONICAL_HEADING.test(line)) return NO_HITS;
    const wanted = renderEntryHeading(date, title);
    const fix = wanted !== line ? { from: entry.line, to: entry.line, lines: [wanted] } : undefined;
    return [{ line: entry.line, message: `Write the heading as "${wanted}".`, ...(fix ? { fix } : {}) }];
  }),
};
