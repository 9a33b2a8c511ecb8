import { planAppend } from './append-plan.js';
import { lintPostmortems, type LintConfig, type LintFinding } from './lint/index.js';
import { splitLines } from './markdown-lines.js';
import type { PostmortemEntry } from './model.js';
import { renderPostmortemEntry } from './render.js';

export interface EntryPreview {
  /** The entry's markdown exactly as it will be appended. */
  markdown: string;
  /** What `triage lint` will say about the new entry once it is in the file (other entries' findings left out). */
  findings: LintFinding[];
}

/**
 * Lints the file as it will be after the append, so file-level rules (duplicates, order,
 * recurrence targets) judge the new entry among the old ones. Pure: `existing` is the file's text.
 */
export function previewEntry(existing: string | null, entry: PostmortemEntry, options: { file: string; config?: LintConfig }): EntryPreview {
  const markdown = renderPostmortemEntry(entry);
  const before = existing === null ? null : Buffer.from(existing, 'utf8');
  const after = `${existing ?? ''}${planAppend(before, markdown).addition.toString('utf8')}`;
  const firstLine = splitLines(after).length - splitLines(markdown).length + 1;
  const result = lintPostmortems(after, { file: options.file, ...(options.config ? { config: options.config } : {}) });
  return { markdown, findings: result.findings.filter((finding) => finding.line >= firstLine) };
}
