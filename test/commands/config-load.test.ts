import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintConfigOf, loadTriageConfig } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { loadPlaybooks } from '../../src/playbook/loader.js';
import { PLAYBOOK_FILE, PLAYBOOK_TEMPLATE } from '../../src/init/templates.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'triage-config-'));
  await mkdir(path.join(root, '.git'));
  await mkdir(path.join(root, 'docs', 'incidents'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const write = (file: string, value: unknown) => writeFile(path.join(root, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const load = (dir = path.join(root, 'docs', 'incidents'), explicit?: string) => loadTriageConfig(dir, { cwd: root, ...(explicit ? { explicit } : {}) });
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe('loadTriageConfig', () => {
  it('is all defaults without a config', async () => {
    expect(await load()).toEqual({ config: {}, file: null });
  });

  it('finds .triagerc.json above the file and maps it to lint settings', async () => {
    await write('.triagerc.json', { severities: ['SEV1', 'SEV2'], lint: { rules: { PM007: 'off', 'blaming-language': 'error' }, blame: { people: ['Dave'] } } });
    const loaded = await load();
    expect(loaded.file).toBe('.triagerc.json');
    expect(lintConfigOf(loaded.config)).toEqual({ rules: { PM007: 'off', 'blaming-language': 'error' }, severities: ['SEV1', 'SEV2'], blame: { people: ['Dave'] } });
  });

  it('reads the "triage" key of package.json, and prefers .triagerc.json in the same directory', async () => {
    await write('package.json', { name: 'app', triage: { severities: ['P1', 'P2'] } });
    expect((await load()).config.severities).toEqual(['P1', 'P2']);
    await write('.triagerc.json', { severities: ['SEV1'] });
    expect((await load()).config.severities).toEqual(['SEV1']);
  });

  it('takes the nearest config and stops at the repository root', async () => {
    await write('docs/.triagerc.json', { severities: ['near'] });
    await write('.triagerc.json', { severities: ['far'] });
    expect((await load()).config.severities).toEqual(['near']);
    const outside = path.dirname(root);
    expect((await loadTriageConfig(path.join(root, 'docs'), { cwd: outside })).file).toBe(path.join(path.basename(root), 'docs', '.triagerc.json'));
  });

  it('ignores a package.json without a "triage" key', async () => {
    await write('package.json', { name: 'app' });
    expect(await load()).toEqual({ config: {}, file: null });
  });

  it('reports every invalid field with its file and line', async () => {
    await write('.triagerc.json', '{\n  "severities": [],\n  "lint": {\n    "rules": { "PM999": "off", "PM001": "loud" },\n    "colour": true\n  }\n}\n');
    const message = await failure(load());
    expect(message).toMatch(/^the triage config is not valid:/);
    expect(message).toContain('.triagerc.json:2: severities: list at least one severity');
    expect(message).toContain('.triagerc.json:4: lint.rules.PM999: unknown rule; known rules are PM001');
    expect(message).toContain('.triagerc.json:4: lint.rules.PM001: expected "error", "warning", "off", true or false');
    expect(message).toMatch(/\.triagerc\.json:3: lint: Unrecognized key: "colour"|\.triagerc\.json:\d+: lint: .*colour/);
  });

  it('names package.json and the triage key path in its problems', async () => {
    await write('package.json', '{\n  "name": "app",\n  "triage": {\n    "severities": "high"\n  }\n}\n');
    expect(await failure(load())).toContain('package.json:4: triage.severities:');
  });

  it('says where JSON is broken', async () => {
    await write('.triagerc.json', '{\n  "severities": ["a",]\n}\n');
    expect(await failure(load())).toMatch(/\.triagerc\.json is not valid JSON: .* at line 2, column \d+/);
  });

  it('uses an explicit --config, package.json or not, and says when it is missing', async () => {
    await write('ci.json', { severities: ['only'] });
    expect((await load(undefined, 'ci.json')).config.severities).toEqual(['only']);
    await write('other-package.json', { triage: { severities: ['x'] } });
    expect((await load(undefined, path.join(root, 'other-package.json'))).config).toMatchObject({ triage: { severities: ['x'] } });
    expect(await failure(load(undefined, 'nope.json'))).toMatch(/cannot read the config nope\.json: no such file/);
  });
});

describe('the playbook init writes', () => {
  it('loads as a valid playbook that extends the default', async () => {
    await mkdir(path.join(root, path.dirname(PLAYBOOK_FILE)), { recursive: true });
    await write(PLAYBOOK_FILE, PLAYBOOK_TEMPLATE);
    const playbooks = await loadPlaybooks(root);
    const local = playbooks.find((playbook) => playbook.id === 'local');
    expect(local?.steps).toHaveLength(8);
    expect(local?.steps.find((step) => step.id === 'mitigate')?.checklist.at(-1)).toMatch(/Roll back this app/);
    expect(local?.match).toBeNull();
  });
});
