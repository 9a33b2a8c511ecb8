import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { SessionState } from '../../src/playbook/session.js';

/**
 * The acting scene of the end-to-end tests: a fresh copy of a built demo repository with a
 * Kubernetes manifest added, and a fake `kubectl` first on PATH that leaves a marker per
 * subcommand (a marker is proof a command ran, its absence proof it did not). `--since 1m`
 * leaves no commit in the window, so the diagnosis is saturation and the catalog offers scale
 * (reversible), restart (risky) and a read-only check.
 */
export interface ActScene {
  dir: string;
  markers: string;
  env: NodeJS.ProcessEnv;
  /** The run's arguments; callers add --no-input, --json and the flag under test. */
  args: (...extra: string[]) => string[];
  marker: (name: string) => boolean;
}

export function actScene(template: string): ActScene {
  const root = mkdtempSync(path.join(tmpdir(), 'triage-act-scene-'));
  const dir = path.join(root, 'repo');
  // A fresh copy per test: sessions and postmortems of one test never meet another's.
  mkdirSync(dir);
  for (const entry of readdirSync(template).filter((e) => e !== '.triage')) {
    // cp -a keeps the git repository intact (objects, refs) without reimplementing a recursive copy.
    expect(spawnSync('cp', ['-a', path.join(template, entry), dir]).status).toBe(0);
  }
  mkdirSync(path.join(dir, 'k8s'), { recursive: true });
  writeFileSync(path.join(dir, 'k8s', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-api\n  namespace: prod\nspec:\n  replicas: 2\n');
  const bin = path.join(root, 'bin');
  const markers = path.join(root, 'markers');
  mkdirSync(bin);
  mkdirSync(markers);
  writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\necho "fake kubectl $*"\ntouch "${markers}/$(echo "$1-$2" | tr / _)"\n`);
  chmodSync(path.join(bin, 'kubectl'), 0o755);
  return {
    dir,
    markers,
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, TRIAGE_SLACK_WEBHOOK_URL: '', TRIAGE_DISCORD_WEBHOOK_URL: '', TRIAGE_WEBHOOK_URL: '' },
    args: (...extra) => [path.join(dir, 'alerts', 'sentry-event-alert.json'), '--repo', dir, '--logs', path.join(dir, 'logs', 'app.log'), '--since', '1m', '--offline', ...extra],
    marker: (name) => existsSync(path.join(markers, name)),
  };
}

/** The state of the one session a scene's run saved. */
export function onlySession(repo: string): SessionState {
  const dir = path.join(repo, '.triage', 'sessions');
  const [id] = readdirSync(dir);
  return JSON.parse(readFileSync(path.join(dir, id!, 'state.json'), 'utf8')) as SessionState;
}
