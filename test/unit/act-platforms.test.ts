import { describe, expect, it } from 'vitest';
import {
  herokuAppFromGitConfig,
  parseCompose,
  parseFlyToml,
  parseKubernetesManifests,
  parseRenderYaml,
  parseVercelName,
  platformFacts,
  preferService,
} from '../../src/act/platforms.js';
import { placeholdersIn, shellQuote } from '../../src/act/platform-commands.js';

describe('platform files', () => {
  it('fly.toml: the app name, and min machines when set', () => {
    expect(parseFlyToml('app = "shop-api"\nprimary_region = "ams"\n[http_service]\n  min_machines_running = 2\n')).toEqual([{ name: 'shop-api', replicas: 2 }]);
    expect(parseFlyToml("# no app here\nprimary_region = 'ams'\n")).toEqual([]);
  });

  it('render.yaml: every named service with its instance count', () => {
    const yaml = 'services:\n  - type: web\n    name: api\n    numInstances: 3\n  - type: worker\n    name: jobs\n';
    expect(parseRenderYaml(yaml)).toEqual([{ name: 'api', replicas: 3 }, { name: 'jobs', replicas: null }]);
    expect(parseRenderYaml('services: [')).toEqual([]);
  });

  it('compose: services that build from the repository come first', () => {
    const yaml = 'services:\n  db:\n    image: postgres:16\n  web:\n    build: .\n    deploy:\n      replicas: 2\n';
    expect(parseCompose(yaml).map((w) => [w.name, w.replicas])).toEqual([['web', 2], ['db', null]]);
  });

  it('kubernetes: Deployments and StatefulSets across documents, not Services', () => {
    const yaml = [
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: prod\nspec:\n  replicas: 3\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: cache\n',
    ].join('---\n');
    expect(parseKubernetesManifests(yaml)).toEqual([
      { name: 'api', kind: 'deployment', namespace: 'prod', replicas: 3 },
      { name: 'cache', kind: 'statefulset', namespace: null, replicas: null },
    ]);
  });

  it('heroku: the app from the git remote, over https or ssh', () => {
    expect(herokuAppFromGitConfig('[remote "heroku"]\n\turl = https://git.heroku.com/shop-prod.git\n')).toBe('shop-prod');
    expect(herokuAppFromGitConfig('[remote "heroku"]\n\turl = git@heroku.com:shop-prod.git\n')).toBe('shop-prod');
    expect(herokuAppFromGitConfig('[remote "origin"]\n\turl = git@github.com:a/b.git\n')).toBeNull();
  });

  it('vercel: the linked project name first, then vercel.json', () => {
    expect(parseVercelName('{"name":"old"}', '{"projectId":"prj_1","projectName":"shop"}')).toEqual([{ name: 'shop' }]);
    expect(parseVercelName('{"name":"old"}', null)).toEqual([{ name: 'old' }]);
    expect(parseVercelName('{}', null)).toEqual([]);
  });

  it('names that would need quoting in a shell are left out, not trusted', () => {
    expect(parseFlyToml('app = "x; rm -rf /"\n')).toEqual([]);
    expect(parseKubernetesManifests('kind: Deployment\nmetadata:\n  name: "$(id)"\n')).toEqual([]);
  });

  it('the workload named like the alert service comes first', () => {
    expect(preferService([{ name: 'worker' }, { name: 'shop-api' }], 'shop-api').map((w) => w.name)).toEqual(['shop-api', 'worker']);
    expect(preferService([{ name: 'b' }, { name: 'a' }], null).map((w) => w.name)).toEqual(['b', 'a']);
  });

  it('each platform is a fact a helper can cite', () => {
    expect(platformFacts([{ id: 'kubernetes', file: 'k8s/app.yaml', workloads: [{ name: 'api', kind: 'deployment', namespace: 'prod' }] }])).toEqual([
      { id: 'platform:kubernetes', kind: 'platform', summary: 'Kubernetes (k8s/app.yaml): deployment/api in prod' },
    ]);
  });
});

describe('shell words', () => {
  it('quotes only what needs it', () => {
    expect(shellQuote('TIMEOUT=30s')).toBe('TIMEOUT=30s');
    expect(shellQuote("a b'c")).toBe(`'a b'\\''c'`);
  });

  it('finds the placeholders a person must fill in', () => {
    expect(placeholdersIn('fly deploy --app x --image <IMAGE>')).toEqual(['<IMAGE>']);
    expect(placeholdersIn('echo "a<b"')).toEqual([]);
  });
});
