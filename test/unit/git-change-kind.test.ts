import { describe, expect, it } from 'vitest';
import { classifyChange, dependencyFileFormat } from '../../src/evidence/git/change-kind.js';

describe('classifyChange', () => {
  it.each([
    ['README.md', 'docs'],
    ['docs/setup.txt', 'docs'],
    ['guide/intro.rst', 'docs'],
    ['CHANGELOG', 'docs'],
    ['LICENSE', 'docs'],
    ['test/unit/a.test.ts', 'test'],
    ['src/a.test.ts', 'test'],
    ['src/__tests__/a.ts', 'test'],
    ['internal/upload/handler_test.go', 'test'],
    ['spec/models/user_spec.rb', 'test'],
    ['tests/test_views.py', 'test'],
    ['web/styles/app.css', 'style'],
    ['web/theme.scss', 'style'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['.circleci/config.yml', 'ci'],
    ['package-lock.json', 'dependency'],
    ['web/yarn.lock', 'dependency'],
    ['pnpm-lock.yaml', 'dependency'],
    ['requirements.txt', 'dependency'],
    ['requirements-dev.txt', 'dependency'],
    ['poetry.lock', 'dependency'],
    ['Pipfile.lock', 'dependency'],
    ['go.mod', 'dependency'],
    ['go.sum', 'dependency'],
    ['Gemfile.lock', 'dependency'],
    ['Cargo.lock', 'dependency'],
    ['migrations/0003_add_index.py', 'migration'],
    ['db/migrate/20240501_add_users.rb', 'migration'],
    ['alembic/versions/abc123_add.py', 'migration'],
    ['prisma/migrations/2024/migration.sql', 'migration'],
    ['Dockerfile', 'infrastructure'],
    ['docker/Dockerfile.worker', 'infrastructure'],
    ['docker-compose.prod.yml', 'infrastructure'],
    ['k8s/deployment.yaml', 'infrastructure'],
    ['charts/app/values.yaml', 'infrastructure'],
    ['infra/main.tf', 'infrastructure'],
    ['nginx.conf', 'infrastructure'],
    ['Procfile', 'infrastructure'],
    ['fly.toml', 'infrastructure'],
    ['vercel.json', 'infrastructure'],
    ['config/app.yaml', 'config'],
    ['settings.toml', 'config'],
    ['.env.production', 'config'],
    ['app.ini', 'config'],
    ['server/pool.conf', 'config'],
    ['config/database.ts', 'config'],
    ['src/db/pool.ts', 'code'],
    ['app/views.py', 'code'],
    ['internal/upload/handler.go', 'code'],
    ['assets/logo.png', 'other'],
  ])('%s is %s', (path, kind) => {
    expect(classifyChange(path)).toBe(kind);
  });

  it('counts package.json and Cargo.toml as dependency changes only when their dependencies changed', () => {
    expect(classifyChange('package.json')).toBe('dependency');
    expect(classifyChange('package.json', true)).toBe('dependency');
    expect(classifyChange('package.json', false)).toBe('config');
    expect(classifyChange('crates/core/Cargo.toml', false)).toBe('config');
  });

  it('keeps lockfiles as dependency changes wherever they live', () => {
    expect(classifyChange('docs/package-lock.json')).toBe('dependency');
    expect(classifyChange('package-lock.json', false)).toBe('dependency');
  });
});

describe('dependencyFileFormat', () => {
  it.each([
    ['services/api/package-lock.json', 'package-lock.json'],
    ['npm-shrinkwrap.json', 'package-lock.json'],
    ['requirements/prod.txt', null],
    ['requirements-prod.txt', 'requirements.txt'],
    ['Gemfile', 'Gemfile'],
    ['src/index.ts', null],
  ])('%s reads as %s', (path, format) => {
    expect(dependencyFileFormat(path)).toBe(format);
  });
});
