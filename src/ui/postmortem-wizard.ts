import type { LintFinding } from '../postmortem/lint/types.js';
import type { PostmortemEntry } from '../postmortem/model.js';
import { askActionItem, askField, currentValue, QUESTIONS, type AskContext, type FieldKey } from './postmortem-questions.js';
import { choose } from './prompts.js';

/**
 * `triage postmortem` at a terminal: asks what a blameless postmortem needs (prefilled from a
 * session's draft when there is one), lets the person edit any field, previews the markdown with
 * lint's findings, and returns the entry to append, or null when they cancel. It writes nothing.
 */

export interface Preview {
  markdown: string;
  /** What `triage lint` would report about this entry once appended. */
  findings: LintFinding[];
}

export interface WizardDeps extends AskContext {
  preview(entry: PostmortemEntry): Preview;
  /** Human output (stderr). */
  say(text: string): void;
  owner: string | null;
  target: string;
}

const ESSENTIALS: readonly FieldKey[] = ['title', 'date', 'severity', 'rootCause', 'fix', 'lesson'];

async function editMenu(entry: PostmortemEntry, deps: WizardDeps): Promise<PostmortemEntry> {
  const key = await choose<FieldKey | 'back'>(
    'Which field?',
    [...QUESTIONS.map((question) => ({ value: question.key, name: question.label, description: currentValue(question.key, entry) })), { value: 'back', name: 'Back' }],
    'back',
  );
  return key === 'back' ? entry : askField(key, entry, deps);
}

async function addActionItem(entry: PostmortemEntry, deps: WizardDeps): Promise<PostmortemEntry> {
  if (deps.editor) return askField('actionItems', entry, deps);
  const item = await askActionItem(deps.owner);
  return item ? { ...entry, actionItems: [...entry.actionItems, item] } : entry;
}

function showPreview(preview: Preview, deps: WizardDeps): void {
  deps.say(`\n${preview.markdown}\n`);
  if (preview.findings.length === 0) {
    deps.say('triage lint: no problems.\n');
    return;
  }
  for (const finding of preview.findings) deps.say(`${finding.severity}: ${finding.ruleId}/${finding.ruleName} ${finding.message}\n`);
}

type Decision = 'append' | 'edit' | 'cancel';

async function reviewStep(entry: PostmortemEntry, deps: WizardDeps): Promise<Decision> {
  const preview = deps.preview(entry);
  showPreview(preview, deps);
  const errors = preview.findings.some((finding) => finding.severity === 'error');
  return choose<Decision>(
    `Append this entry to ${deps.target}?`,
    [
      { value: 'append', name: 'Append', description: errors ? 'lint reports errors; CI would fail' : 'write it now (atomic)' },
      { value: 'edit', name: 'Keep editing' },
      { value: 'cancel', name: 'Cancel', description: 'nothing is written' },
    ],
    errors ? 'edit' : 'append',
  );
}

type MenuChoice = 'review' | 'action' | 'field' | 'cancel';

export async function draftInteractively(initial: PostmortemEntry, deps: WizardDeps): Promise<PostmortemEntry | null> {
  let entry = initial;
  for (const key of ESSENTIALS) entry = await askField(key, entry, deps);
  for (;;) {
    const next = await choose<MenuChoice>(
      'Next?',
      [
        { value: 'review', name: 'Preview and append' },
        { value: 'action', name: 'Add action items', description: `${entry.actionItems.length} so far` },
        { value: 'field', name: 'Edit a field', description: 'impact, times, timeline, what went well/wrong, …' },
        { value: 'cancel', name: 'Cancel', description: 'nothing is written' },
      ],
      'review',
    );
    if (next === 'cancel') return null;
    if (next === 'action') entry = await addActionItem(entry, deps);
    if (next === 'field') entry = await editMenu(entry, deps);
    if (next !== 'review') continue;
    const decision = await reviewStep(entry, deps);
    if (decision === 'append') return entry;
    if (decision === 'cancel') return null;
  }
}
