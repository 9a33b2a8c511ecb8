import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath, packageRoot } from '../../src/util/package-root.js';
import { SHIPPED_PLAYBOOK_DIR } from '../../src/playbook/loader.js';
import { VERSION } from '../../src/version.js';

describe('packageRoot', () => {
  it('finds triage’s own package.json from src/, where the tests run', () => {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
    expect(pkg.name).toBe('triage');
    expect(VERSION).toBe(pkg.version);
  });

  it('finds the shipped playbooks, and the digest worker that `npm test` builds first', () => {
    expect(readdirSync(SHIPPED_PLAYBOOK_DIR).filter((file) => /\.ya?ml$/.test(file)).length).toBeGreaterThan(0);
    expect(existsSync(packagePath('dist', 'workers', 'digest-worker.js'))).toBe(true);
  });
});
