import {
  CONFIG_FILE,
  CONFIG_TEMPLATE,
  GITIGNORE_FILE,
  GITIGNORE_LINE,
  MARKDOWNLINT_FILE,
  MARKDOWNLINT_TEMPLATE,
  PLAYBOOK_FILE,
  PLAYBOOK_TEMPLATE,
  POSTMORTEMS_FILE,
  POSTMORTEMS_TEMPLATE,
  WORKFLOW_FILE,
  WORKFLOW_TEMPLATE,
} from './templates.js';

/**
 * `triage init` decides before it writes: from what already exists, a plan of one step per file.
 * Nothing is ever overwritten without --force, and POSTMORTEMS.md never is: it holds history.
 */

export type InitAction = 'create' | 'overwrite' | 'append' | 'keep' | 'up-to-date';

export interface InitStep {
  path: string;
  action: InitAction;
  /** The whole new content (create, overwrite) or the text to add (append). */
  content: string;
  /** Why a file is kept, for the person reading the plan. */
  note: string | null;
}

export interface ExistingState {
  /** Relative path → current content, for the files init writes (absent = not there). */
  files: Record<string, string>;
  /** A markdownlint config under another name, if any (.markdownlint.yaml, ...). */
  otherMarkdownlintConfig: string | null;
  /** package.json has a "triage" key: that is the config, so no .triagerc.json is added. */
  packageJsonConfig: boolean;
}

function fileStep(path: string, template: string, existing: ExistingState, force: boolean): InitStep {
  const current = existing.files[path];
  if (current === undefined) return { path, action: 'create', content: template, note: null };
  if (current === template) return { path, action: 'up-to-date', content: '', note: null };
  if (force) return { path, action: 'overwrite', content: template, note: null };
  return { path, action: 'keep', content: '', note: 'exists with other content; --force replaces it' };
}

function postmortemsStep(existing: ExistingState): InitStep {
  const current = existing.files[POSTMORTEMS_FILE];
  if (current === undefined) return { path: POSTMORTEMS_FILE, action: 'create', content: POSTMORTEMS_TEMPLATE, note: null };
  return { path: POSTMORTEMS_FILE, action: current === POSTMORTEMS_TEMPLATE ? 'up-to-date' : 'keep', content: '', note: current === POSTMORTEMS_TEMPLATE ? null : 'exists; never replaced, even with --force' };
}

function configStep(existing: ExistingState, force: boolean): InitStep {
  if (existing.packageJsonConfig && existing.files[CONFIG_FILE] === undefined) {
    return { path: CONFIG_FILE, action: 'keep', content: '', note: 'not added: the "triage" key in package.json is the config' };
  }
  return fileStep(CONFIG_FILE, CONFIG_TEMPLATE, existing, force);
}

function markdownlintStep(existing: ExistingState, force: boolean): InitStep {
  const other = existing.otherMarkdownlintConfig;
  if (other && existing.files[MARKDOWNLINT_FILE] === undefined) {
    return { path: MARKDOWNLINT_FILE, action: 'keep', content: '', note: `not added: ${other} configures markdownlint; set MD024 to siblings_only and MD013 off there` };
  }
  return fileStep(MARKDOWNLINT_FILE, MARKDOWNLINT_TEMPLATE, existing, force);
}

function gitignoreStep(existing: ExistingState): InitStep {
  const current = existing.files[GITIGNORE_FILE];
  if (current === undefined) return { path: GITIGNORE_FILE, action: 'create', content: `${GITIGNORE_LINE}\n`, note: null };
  const lines = current.split(/\r?\n/).map((line) => line.trim());
  if (lines.includes(GITIGNORE_LINE) || lines.includes('.triage/sessions')) return { path: GITIGNORE_FILE, action: 'up-to-date', content: '', note: null };
  if (lines.includes('.triage/') || lines.includes('.triage')) {
    return { path: GITIGNORE_FILE, action: 'keep', content: '', note: `it ignores all of .triage/, so ${PLAYBOOK_FILE} will not be committed; ignore ${GITIGNORE_LINE} instead` };
  }
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  return { path: GITIGNORE_FILE, action: 'append', content: `${separator}${GITIGNORE_LINE}\n`, note: null };
}

export function planInit(existing: ExistingState, options: { force: boolean }): InitStep[] {
  return [
    postmortemsStep(existing),
    configStep(existing, options.force),
    fileStep(PLAYBOOK_FILE, PLAYBOOK_TEMPLATE, existing, options.force),
    markdownlintStep(existing, options.force),
    fileStep(WORKFLOW_FILE, WORKFLOW_TEMPLATE, existing, options.force),
    gitignoreStep(existing),
  ];
}

export const INIT_FILES = [POSTMORTEMS_FILE, CONFIG_FILE, PLAYBOOK_FILE, MARKDOWNLINT_FILE, WORKFLOW_FILE, GITIGNORE_FILE];
