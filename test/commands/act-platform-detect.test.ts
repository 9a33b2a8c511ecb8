import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPlatforms } from '../../src/act/platform-detect.js';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-platform-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const ids = async (files: Record<string, string>): Promise<string[]> => (await detectPlatforms(repo(files))).map((p) => p.id);

describe('detecting the deploy platform from repository files', () => {
  it.each([
    [{ 'vercel.json': '{}' }, ['vercel']],
    [{ '.vercel/project.json': '{"projectName":"shop"}' }, ['vercel']],
    [{ 'fly.toml': 'app = "shop"\n' }, ['fly']],
    [{ 'render.yaml': 'services:\n  - name: api\n' }, ['render']],
    [{ 'app.json': '{"name":"shop"}' }, ['heroku']],
    [{ Procfile: 'web: node server.js\n' }, ['heroku']],
    [{ 'railway.json': '{}' }, ['railway']],
    [{ 'railway.toml': '[deploy]\n' }, ['railway']],
    [{ 'docker-compose.yml': 'services:\n  web:\n    build: .\n' }, ['docker-compose']],
    [{ 'compose.yaml': 'services:\n  web:\n    image: x\n' }, ['docker-compose']],
    [{ 'k8s/deployment.yaml': 'kind: Deployment\nmetadata:\n  name: api\n' }, ['kubernetes']],
    [{ 'kustomization.yaml': 'resources:\n  - base\n' }, ['kubernetes']],
    [{ 'README.md': '# nothing to see\n' }, []],
  ])('%j → %j', async (files, expected) => {
    expect(await ids(files)).toEqual(expected);
  });

  it('a Procfile beside render.yaml is Render\'s, not Heroku\'s', async () => {
    expect(await ids({ 'render.yaml': 'services: []\n', Procfile: 'web: x\n' })).toEqual(['render']);
  });

  it('the Heroku app comes from the git remote', async () => {
    const [heroku] = await detectPlatforms(repo({ '.git/config': '[remote "heroku"]\n\turl = https://git.heroku.com/shop-prod.git\n', Procfile: 'web: x\n' }));
    expect(heroku).toEqual({ id: 'heroku', file: '.git/config', workloads: [{ name: 'shop-prod' }] });
  });

  it('manifests in overlay folders are read, each workload once', async () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: prod\nspec:\n  replicas: 3\n';
    const [kube] = await detectPlatforms(repo({ 'deploy/k8s/base/deployment.yaml': deployment, 'deploy/k8s/overlays.yaml': deployment, 'deploy/notes.txt': 'x' }));
    expect(kube).toEqual({ id: 'kubernetes', file: expect.stringMatching(/^deploy\/k8s\//), workloads: [{ name: 'api', kind: 'deployment', namespace: 'prod', replicas: 3 }] });
  });

  it('YAML that is not a manifest is not Kubernetes', async () => {
    expect(await ids({ 'deploy/ansible.yml': '- hosts: all\n  tasks: []\n' })).toEqual([]);
  });
});
