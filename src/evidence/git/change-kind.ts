import type { ChangeKind } from '../types.js';

/**
 * What kind of change a path is, from the path alone. The order of the checks matters:
 * a lockfile under docs/ is still a dependency change, a YAML file under .github/workflows
 * is CI, not config.
 */

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'poetry.lock',
  'pipfile',
  'pipfile.lock',
  'uv.lock',
  'go.mod',
  'go.sum',
  'gemfile',
  'gemfile.lock',
  'cargo.lock',
  'composer.lock',
]);

/** Manifests that hold settings besides dependencies: dependency only when their deps changed. */
const MIXED_MANIFESTS = new Set(['package.json', 'cargo.toml']);

const SOURCE_EXTENSIONS = new Set(
  (
    'ts tsx mts cts js jsx mjs cjs vue svelte astro py pyi go rb rs java kt kts scala clj ex exs erl ' +
    'php cs fs vb swift m mm c h cc cpp cxx hpp hh zig dart lua pl pm r jl elm hs ml sh bash zsh ps1 ' +
    'sql graphql gql proto html htm hbs ejs pug erb liquid njk twig jinja j2 prisma'
  ).split(' '),
);

const CONFIG_EXTENSIONS = new Set(['yaml', 'yml', 'json', 'json5', 'jsonc', 'toml', 'ini', 'cfg', 'conf', 'env', 'properties', 'xml']);

export function classifyChange(path: string, manifestDependenciesChanged?: boolean): ChangeKind {
  const lower = path.toLowerCase();
  const segments = lower.split('/');
  const base = segments[segments.length - 1] ?? lower;
  const dirs = segments.slice(0, -1);
  const ext = extensionOf(base);

  if (LOCKFILES.has(base) || /^requirements.*\.(txt|in)$/.test(base) || (dirs.includes('requirements') && ext === 'txt')) {
    return 'dependency';
  }
  if (MIXED_MANIFESTS.has(base)) return manifestDependenciesChanged === false ? 'config' : 'dependency';
  if (isCi(lower, dirs)) return 'ci';
  if (isMigration(lower, dirs)) return 'migration';
  if (isTest(base, dirs)) return 'test';
  if (isDocs(base, dirs, ext)) return 'docs';
  if (isInfrastructure(lower, base, dirs, ext)) return 'infrastructure';
  if (ext === 'css' || ext === 'scss' || ext === 'sass' || ext === 'less' || ext === 'styl') return 'style';
  if (isConfig(base, dirs, ext)) return 'config';
  if (SOURCE_EXTENSIONS.has(ext)) return 'code';
  return 'other';
}

/** Whether a path's old and new contents are worth reading for dependency versions. */
export function isDependencyFile(path: string): boolean {
  return dependencyFileFormat(path) !== null;
}

export type DependencyFileFormat =
  | 'package.json'
  | 'package-lock.json'
  | 'yarn.lock'
  | 'pnpm-lock.yaml'
  | 'requirements.txt'
  | 'poetry.lock'
  | 'Pipfile.lock'
  | 'go.mod'
  | 'go.sum'
  | 'Gemfile'
  | 'Gemfile.lock'
  | 'Cargo.toml'
  | 'Cargo.lock';

export function dependencyFileFormat(path: string): DependencyFileFormat | null {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  if (/^requirements.*\.(txt|in)$/.test(base)) return 'requirements.txt';
  const byName: Record<string, DependencyFileFormat> = {
    'package.json': 'package.json',
    'package-lock.json': 'package-lock.json',
    'npm-shrinkwrap.json': 'package-lock.json',
    'yarn.lock': 'yarn.lock',
    'pnpm-lock.yaml': 'pnpm-lock.yaml',
    'poetry.lock': 'poetry.lock',
    'pipfile.lock': 'Pipfile.lock',
    'go.mod': 'go.mod',
    'go.sum': 'go.sum',
    gemfile: 'Gemfile',
    'gemfile.lock': 'Gemfile.lock',
    'cargo.toml': 'Cargo.toml',
    'cargo.lock': 'Cargo.lock',
  };
  return byName[base] ?? null;
}

function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1);
}

function isCi(lower: string, dirs: string[]): boolean {
  return (
    lower.startsWith('.github/workflows/') ||
    lower.startsWith('.github/actions/') ||
    lower === '.gitlab-ci.yml' ||
    dirs.includes('.circleci') ||
    dirs.includes('.buildkite') ||
    lower === '.travis.yml' ||
    lower === 'jenkinsfile' ||
    lower === 'azure-pipelines.yml' ||
    lower === 'bitbucket-pipelines.yml'
  );
}

function isMigration(lower: string, dirs: string[]): boolean {
  if (dirs.some((dir) => dir === 'migrations' || dir === 'migrate' || dir === 'migration')) return true;
  return lower.includes('alembic/versions/') || lower.includes('db/migrate/') || lower.includes('prisma/migrations/');
}

function isTest(base: string, dirs: string[]): boolean {
  if (dirs.some((dir) => ['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', '__mocks__', 'testdata', 'cypress'].includes(dir))) {
    return true;
  }
  return /\.(test|spec)\.[a-z0-9]+$/.test(base) || /_test\.(go|py|rb|exs)$/.test(base) || /^test_.*\.py$/.test(base) || /_spec\.rb$/.test(base);
}

function isDocs(base: string, dirs: string[], ext: string): boolean {
  if (['md', 'mdx', 'rst', 'adoc', 'asciidoc'].includes(ext)) return true;
  if (dirs.includes('docs') || dirs.includes('doc')) return true;
  return /^(readme|changelog|changes|history|license|licence|copying|notice|authors|contributing|code_of_conduct)(\.[a-z]+)?$/.test(base);
}

function isInfrastructure(lower: string, base: string, dirs: string[], ext: string): boolean {
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === '.dockerignore') return true;
  if (/^(docker-)?compose([.-].*)?\.ya?ml$/.test(base)) return true;
  if (['tf', 'tfvars', 'hcl', 'nomad'].includes(ext)) return true;
  if (dirs.some((dir) => ['k8s', 'kubernetes', 'helm', 'charts', 'kustomize', 'terraform', 'ansible', 'nginx', 'deploy', 'infra'].includes(dir))) {
    return true;
  }
  if (['procfile', 'fly.toml', 'render.yaml', 'vercel.json', 'railway.json', 'railway.toml', 'netlify.toml', 'nixpacks.toml', 'ecosystem.config.js', 'nginx.conf', 'caddyfile', 'heroku.yml'].includes(base)) {
    return true;
  }
  // App Engine's app.yaml and Heroku's app.json only mean deployment at the repository root.
  if (dirs.length === 0 && (base === 'app.yaml' || base === 'app.json')) return true;
  return lower.startsWith('.do/') || lower.startsWith('.platform/');
}

function isConfig(base: string, dirs: string[], ext: string): boolean {
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return true;
  if (CONFIG_EXTENSIONS.has(ext)) return true;
  return dirs.includes('config') || dirs.includes('conf') || dirs.includes('settings');
}
