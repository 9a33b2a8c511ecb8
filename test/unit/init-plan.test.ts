import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TriageConfigSchema } from '../../src/config/schema.js';
import { planInit, type ExistingState } from '../../src/init/plan.js';
import {
  CONFIG_FILE,
  CONFIG_TEMPLATE,
  GITIGNORE_FILE,
  MARKDOWNLINT_FILE,
  MARKDOWNLINT_TEMPLATE,
  PLAYBOOK_FILE,
  PLAYBOOK_TEMPLATE,
  POSTMORTEMS_FILE,
  POSTMORTEMS_TEMPLATE,
  WORKFLOW_FILE,
  WORKFLOW_TEMPLATE,
} from '../../src/init/templates.js';
import { lintPostmortems } from '../../src/postmortem/lint/index.js';
import { MARKDOWNLINT_CONFIG } from '../../src/postmortem/markdownlint-config.js';

const nothing: ExistingState = { files: {}, otherMarkdownlintConfig: null, packageJsonConfig: false };
const TEMPLATES: Record<string, string> = {
  [POSTMORTEMS_FILE]: POSTMORTEMS_TEMPLATE,
  [CONFIG_FILE]: CONFIG_TEMPLATE,
  [PLAYBOOK_FILE]: PLAYBOOK_TEMPLATE,
  [MARKDOWNLINT_FILE]: MARKDOWNLINT_TEMPLATE,
  [WORKFLOW_FILE]: WORKFLOW_TEMPLATE,
  [GITIGNORE_FILE]: '.triage/sessions/\n',
};
const actions = (existing: ExistingState, force = false) => Object.fromEntries(planInit(existing, { force }).map((step) => [step.path, step.action]));

describe('planInit', () => {
  it('creates everything in an empty repository', () => {
    const plan = planInit(nothing, { force: false });
    expect(plan.map((step) => [step.path, step.action])).toEqual(Object.keys(TEMPLATES).map((file) => [file, 'create']));
    for (const step of plan) expect(step.content).toBe(TEMPLATES[step.path]);
  });

  it('is idempotent: after a run, everything is up to date', () => {
    expect(Object.values(actions({ ...nothing, files: TEMPLATES }))).toEqual(Array(6).fill('up-to-date'));
  });

  it('keeps files with other content, and replaces them only with --force', () => {
    const files = { ...TEMPLATES, [CONFIG_FILE]: '{"severities":["SEV1"]}\n', [WORKFLOW_FILE]: 'name: mine\n' };
    expect(actions({ ...nothing, files })).toMatchObject({ [CONFIG_FILE]: 'keep', [WORKFLOW_FILE]: 'keep' });
    const forced = planInit({ ...nothing, files }, { force: true });
    expect(forced.find((step) => step.path === CONFIG_FILE)).toMatchObject({ action: 'overwrite', content: CONFIG_TEMPLATE });
    expect(forced.find((step) => step.path === WORKFLOW_FILE)).toMatchObject({ action: 'overwrite', content: WORKFLOW_TEMPLATE });
  });

  it('never replaces POSTMORTEMS.md, even with --force', () => {
    const step = planInit({ ...nothing, files: { [POSTMORTEMS_FILE]: '# Mine\n\n## 2024-01-01 — x\n' } }, { force: true })[0]!;
    expect(step).toMatchObject({ path: POSTMORTEMS_FILE, action: 'keep', content: '' });
    expect(step.note).toMatch(/never replaced/);
  });

  it('adds the sessions line to a .gitignore without one, once', () => {
    const step = (text: string) => planInit({ ...nothing, files: { [GITIGNORE_FILE]: text } }, { force: false }).find((s) => s.path === GITIGNORE_FILE)!;
    expect(step('node_modules/\n')).toMatchObject({ action: 'append', content: '.triage/sessions/\n' });
    expect(step('node_modules/')).toMatchObject({ action: 'append', content: '\n.triage/sessions/\n' });
    expect(step('dist\n.triage/sessions/\n')).toMatchObject({ action: 'up-to-date' });
    expect(step('.triage/\n')).toMatchObject({ action: 'keep', note: expect.stringMatching(/will not be committed/) });
  });

  it('leaves markdownlint and config to the files a repository already uses', () => {
    const plan = actions({ ...nothing, otherMarkdownlintConfig: '.markdownlint.yaml', packageJsonConfig: true });
    expect(plan).toMatchObject({ [MARKDOWNLINT_FILE]: 'keep', [CONFIG_FILE]: 'keep' });
  });
});

describe('the files init writes', () => {
  it('a GitHub Actions workflow that lints POSTMORTEMS.md with annotations when it changes', () => {
    const workflow = parse(WORKFLOW_TEMPLATE) as { on: Record<string, { paths: string[] }>; jobs: { lint: { 'runs-on': string; steps: { uses?: string; run?: string }[] } } };
    expect(workflow.on.push?.paths).toContain('POSTMORTEMS.md');
    expect(workflow.on.pull_request?.paths).toContain('POSTMORTEMS.md');
    expect(workflow.jobs.lint.steps.map((step) => step.run).filter(Boolean)).toEqual(['npx triage lint --format github']);
    expect(workflow.jobs.lint.steps.some((step) => step.uses?.startsWith('actions/checkout@'))).toBe(true);
  });

  it('a config the config schema accepts, a markdownlint config equal to the documented one', () => {
    expect(TriageConfigSchema.safeParse(JSON.parse(CONFIG_TEMPLATE)).success).toBe(true);
    expect(JSON.parse(MARKDOWNLINT_TEMPLATE)).toEqual(MARKDOWNLINT_CONFIG);
  });

  it('a POSTMORTEMS.md that lints clean', () => {
    expect(lintPostmortems(POSTMORTEMS_TEMPLATE, { file: POSTMORTEMS_FILE }).findings).toEqual([]);
  });
});
