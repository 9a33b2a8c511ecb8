import { describe, expect, it } from 'vitest';
import { suggestMitigations } from '../../src/act/mitigations.js';
import type { DeployPlatform } from '../../src/act/platforms.js';
import type { Commit, Evidence, Hypothesis, Suspect } from '../../src/evidence/types.js';
import { makeAlert, makeEvidence } from '../helpers/factories.js';

const SHA = 'c918e0db843b8ed9f5f46ecb6e0aa29d6ab8e140';

function commit(overrides: Partial<Commit> = {}): Commit {
  return { sha: SHA, shortSha: 'c918e0d', subject: 'Cache orders', author: 'A', committedAt: '2026-03-14T02:50:00.000Z', files: [], kinds: ['code'], dependencyChanges: [], configChanges: [], tags: [], ...overrides };
}

const suspect: Suspect = { commit: SHA, shortSha: 'c918e0d', subject: 'Cache orders', author: 'A', committedAt: '2026-03-14T02:50:00.000Z', files: ['src/orders.ts'], score: 0.9, reasons: [], evidence: ['commit:c918e0d'] };
const hypothesis = (category: Hypothesis['category']): Hypothesis => ({ summary: category, category, confidence: 0.8, evidence: [] });

const K8S: DeployPlatform = { id: 'kubernetes', file: 'k8s/deploy.yaml', workloads: [{ name: 'worker', kind: 'deployment', namespace: 'prod', replicas: 1 }, { name: 'api', kind: 'deployment', namespace: 'prod', replicas: 3 }] };
const FLY: DeployPlatform = { id: 'fly', file: 'fly.toml', workloads: [{ name: 'shop', replicas: null }] };
const HEROKU: DeployPlatform = { id: 'heroku', file: '.git/config', workloads: [{ name: 'shop-prod' }] };
const COMPOSE: DeployPlatform = { id: 'docker-compose', file: 'compose.yaml', workloads: [{ name: 'web', replicas: null }] };
const VERCEL: DeployPlatform = { id: 'vercel', file: 'vercel.json', workloads: [] };
const RENDER: DeployPlatform = { id: 'render', file: 'render.yaml', workloads: [{ name: 'api', replicas: null }] };
const RAILWAY: DeployPlatform = { id: 'railway', file: 'railway.json', workloads: [] };

function catalog(category: Hypothesis['category'], evidence: Partial<Evidence>, service: string | null = 'api') {
  const full = makeEvidence({ hypotheses: [hypothesis(category)], ...evidence });
  return suggestMitigations(makeAlert({ service }), full, full.hypotheses);
}

const rows = (actions: ReturnType<typeof catalog>): [string, string, string | null][] => actions.map((a) => [a.kind, a.risk, a.command]);

describe('mitigation catalog', () => {
  it('code change on Kubernetes: undo the rollout of the alerting service first, then revert, then look', () => {
    const actions = catalog('code-change', { suspects: [suspect], git: { ...makeEvidence().git, commits: [commit()] }, platforms: [K8S] });
    expect(rows(actions)).toEqual([
      ['rollback', 'reversible', 'kubectl rollout undo deployment/api -n prod'],
      ['rollback', 'reversible', `git revert --no-edit ${SHA}`],
      ['check', 'read-only', 'kubectl rollout history deployment/api -n prod'],
    ]);
    expect(actions[0]!.target).toBe('api');
    expect(actions[0]!.evidence).toEqual(['platform:kubernetes', 'commit:c918e0d']);
    expect(actions[1]!.target).toBe('c918e0d');
  });

  it('the previous tag is offered too, and a revert redeploys with the platform that can', () => {
    const git = { ...makeEvidence().git, commits: [commit()], tags: [{ name: 'v1.7.0', sha: 'a'.repeat(40), date: '2026-03-13T10:00:00.000Z' }] };
    const actions = catalog('code-change', { suspects: [suspect], git, platforms: [FLY] });
    expect(rows(actions)).toEqual([
      ['rollback', 'reversible', 'fly deploy --app shop --image <IMAGE>'],
      ['rollback', 'reversible', `git revert --no-edit ${SHA} && fly deploy`],
      ['rollback', 'reversible', 'git checkout v1.7.0 && fly deploy'],
      ['check', 'read-only', 'fly releases --app shop --image'],
    ]);
  });

  it('every platform has its own exact rollback', () => {
    const first = (platform: DeployPlatform): string | null => catalog('code-change', { suspects: [suspect], git: { ...makeEvidence().git, commits: [commit()] }, platforms: [platform] })[0]!.command;
    expect(first(VERCEL)).toBe('vercel rollback');
    expect(first(HEROKU)).toBe('heroku rollback -a shop-prod');
    expect(first(RENDER)).toBe(`render deploys create <SERVICE_ID> --commit $(git rev-parse c918e0d^) --wait --confirm`);
    // Railway and Compose have no rollback of their own: revert and redeploy is it.
    expect(first(RAILWAY)).toBe(`git revert --no-edit ${SHA} && railway up --detach`);
    expect(first(COMPOSE)).toBe(`git revert --no-edit ${SHA} && docker compose up -d --build web`);
  });

  it('a change that carries a migration makes rolling back risky, and says why', () => {
    const actions = catalog('code-change', { suspects: [suspect], git: { ...makeEvidence().git, commits: [commit({ kinds: ['code', 'migration'] })] } });
    expect(actions[0]!.risk).toBe('risky');
    expect(actions[0]!.why).toMatch(/migration/);
  });

  it('config change: restore the setting to its value before the diff, and warn when the file holds more', () => {
    const change = commit({ configChanges: [{ file: 'config/db.yaml', key: 'pool.timeout', from: '30s', to: '3s' }, { file: 'config/db.yaml', key: 'pool.size', from: '10', to: '20' }] });
    const actions = catalog('config-change', { suspects: [suspect], git: { ...makeEvidence().git, commits: [change] }, platforms: [COMPOSE] });
    expect(actions[0]).toMatchObject({ kind: 'restore-setting', risk: 'reversible', title: 'Restore pool.timeout in config/db.yaml to 30s', command: `git checkout ${SHA}^ -- config/db.yaml && docker compose up -d --build web`, evidence: ['config:config/db.yaml:pool.timeout', 'commit:c918e0d'] });
    expect(actions[0]!.why).toMatch(/1 other setting that commit changed there/);
  });

  it('a flag flipped on is turned off on the platform too, faster than a deploy', () => {
    const change = commit({ configChanges: [{ file: 'fly.toml', key: 'env.FEATURE_NEW_CHECKOUT', from: 'false', to: 'true' }] });
    const actions = catalog('code-change', { suspects: [suspect], git: { ...makeEvidence().git, commits: [change] }, platforms: [HEROKU] });
    const flags = actions.filter((a) => a.kind === 'feature-flag');
    expect(flags.map((a) => a.command)).toEqual(['heroku config:set FEATURE_NEW_CHECKOUT=false -a shop-prod', `git checkout ${SHA}^ -- fly.toml`]);
  });

  it('a redacted value is restored from git, never written into a command', () => {
    const change = commit({ configChanges: [{ file: '.env.production', key: 'FEATURE_API_TOKEN', from: '[redacted]', to: '[redacted]' }] });
    const actions = catalog('config-change', { git: { ...makeEvidence().git, commits: [change] }, platforms: [HEROKU] });
    expect(actions.map((a) => a.command).join('\n')).not.toContain('[redacted]');
    expect(actions[0]!.title).toContain('its previous value');
  });

  it('dependency change: pin it back with the ecosystem\'s own command', () => {
    const change = commit({ dependencyChanges: [{ name: 'pg', ecosystem: 'npm', from: '8.11.0', to: '8.12.0', file: 'package.json' }, { name: 'serde', ecosystem: 'cargo', from: '1.0.1', to: '1.0.2', file: 'Cargo.lock' }] });
    const actions = catalog('dependency-change', { git: { ...makeEvidence().git, commits: [change] } });
    expect(actions.slice(0, 2).map((a) => [a.kind, a.command, a.target])).toEqual([
      ['pin-dependency', 'npm install pg@8.11.0', 'pg'],
      ['pin-dependency', 'cargo update -p serde --precise 1.0.1', 'serde'],
    ]);
  });

  it('saturation: scale out reversibly (guarded by the live count), restart is risky, throttle has no command', () => {
    const actions = catalog('resource-saturation', { platforms: [K8S] });
    expect(rows(actions)).toEqual([
      ['scale', 'reversible', 'kubectl scale deployment/api -n prod --current-replicas=3 --replicas=6'],
      ['restart', 'risky', 'kubectl rollout restart deployment/api -n prod'],
      ['throttle', 'reversible', null],
      ['check', 'read-only', 'kubectl rollout history deployment/api -n prod'],
    ]);
    expect(actions[1]!.target).toBe('api');
  });

  it('saturation on Heroku and Compose: relative and exact scale commands', () => {
    expect(catalog('resource-saturation', { platforms: [HEROKU] })[0]!.command).toBe('heroku ps:scale web+1 -a shop-prod');
    expect(catalog('resource-saturation', { platforms: [COMPOSE] })[0]!.command).toBe('docker compose up -d --no-recreate --scale web=2');
  });

  it('an upstream outage: turn the feature off, back off, fail over (risky)', () => {
    const actions = catalog('external-dependency', { frames: [{ index: 0, file: 'node_modules/stripe/lib.js', line: 1, function: null, inApp: false, repoPath: null, package: 'stripe', depth: 0 }] });
    expect(actions.map((a) => [a.kind, a.risk])).toEqual([['feature-flag', 'reversible'], ['throttle', 'reversible'], ['failover', 'risky']]);
    expect(actions[2]!.title).toContain('stripe');
  });

  it('without a platform or a suspect there is still advice, never an invented command', () => {
    const actions = catalog('unknown', {}, null);
    expect(actions).toEqual([expect.objectContaining({ kind: 'restart', command: null, risk: 'risky' })]);
  });

  it('the Sentry issue is a read-only check', () => {
    const full = makeEvidence({ hypotheses: [hypothesis('unknown')] });
    const actions = suggestMitigations(makeAlert({ url: 'https://acme.sentry.io/issues/1/' }), full, full.hypotheses);
    expect(actions.at(-1)).toMatchObject({ kind: 'check', risk: 'read-only', command: null });
  });
});
