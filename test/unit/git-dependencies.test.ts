import { describe, expect, it } from 'vitest';
import { compareVersions, diffDependencies, mergeDependencyChanges } from '../../src/evidence/git/dependency-diff.js';
import { parsePackageJson, parsePackageLock, parsePnpmLock, parseYarnLock } from '../../src/evidence/git/npm-dependencies.js';
import {
  parseCargoLock,
  parseCargoToml,
  parseGemfile,
  parseGemfileLock,
  parseGoMod,
  parseGoSum,
  parsePipfileLock,
  parsePoetryLock,
  parseRequirementsTxt,
} from '../../src/evidence/git/other-dependencies.js';

const versions = (map: Map<string, Set<string>>) => Object.fromEntries([...map].map(([name, set]) => [name, [...set].sort()]));

describe('npm readers', () => {
  it('reads every dependency section of package.json', () => {
    const manifest = JSON.stringify({ name: 'x', version: '1.0.0', dependencies: { pg: '^8.11.0' }, devDependencies: { vitest: '^4.0.0' }, peerDependencies: { react: '>=18' }, optionalDependencies: { fsevents: '2.3.3' } });
    expect(versions(parsePackageJson(manifest))).toEqual({ pg: ['^8.11.0'], vitest: ['^4.0.0'], react: ['>=18'], fsevents: ['2.3.3'] });
  });

  it('reads top-level packages of a v3 package-lock and skips nested copies and the root', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0' },
        'node_modules/pg': { version: '8.12.0' },
        'node_modules/@sentry/node': { version: '10.1.0' },
        'node_modules/pg/node_modules/pg-types': { version: '2.0.0' },
        'node_modules/linked': { link: true },
      },
    });
    expect(versions(parsePackageLock(lock))).toEqual({ pg: ['8.12.0'], '@sentry/node': ['10.1.0'] });
  });

  it('reads a v1 package-lock', () => {
    const lock = JSON.stringify({ lockfileVersion: 1, dependencies: { axios: { version: '1.6.0', dependencies: { 'follow-redirects': { version: '1.15.0' } } } } });
    expect(versions(parsePackageLock(lock))).toEqual({ axios: ['1.6.0'] });
  });

  it('reads malformed JSON as no dependencies', () => {
    expect(parsePackageLock('{ not json').size).toBe(0);
    expect(parsePackageJson('[]').size).toBe(0);
  });

  it('reads classic and berry yarn.lock entries', () => {
    const classic = '# yarn lockfile v1\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.24.0"\n  resolved "x"\n\nlodash@^4.17.20:\n  version "4.17.21"\n';
    const berry = '__metadata:\n  version: 8\n\n"lodash@npm:^4.17.21":\n  version: 4.17.21\n  resolution: "lodash@npm:4.17.21"\n';
    expect(versions(parseYarnLock(classic))).toEqual({ '@babel/core': ['7.24.0'], lodash: ['4.17.21'] });
    expect(versions(parseYarnLock(berry))).toEqual({ lodash: ['4.17.21'] });
  });

  it('reads pnpm-lock v5, v6 and v9 package keys', () => {
    const v5 = 'lockfileVersion: 5.4\n\npackages:\n\n  /ms/2.1.3:\n    resolution: {integrity: x}\n  /@types/node/20.1.0:\n    dev: true\n';
    const v6 = "lockfileVersion: '6.0'\n\npackages:\n\n  /ms@2.1.3:\n    resolution: {integrity: x}\n  /debug@4.3.4(supports-color@8.1.1):\n    dev: false\n";
    const v9 = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      ms:\n        specifier: ^2.1.3\n\npackages:\n\n  '@babel/core@7.24.0':\n    resolution: {integrity: x}\n\n  ms@2.1.3:\n    resolution: {integrity: x}\n";
    expect(versions(parsePnpmLock(v5))).toEqual({ ms: ['2.1.3'], '@types/node': ['20.1.0'] });
    expect(versions(parsePnpmLock(v6))).toEqual({ ms: ['2.1.3'], debug: ['4.3.4'] });
    expect(versions(parsePnpmLock(v9))).toEqual({ '@babel/core': ['7.24.0'], ms: ['2.1.3'] });
  });
});

describe('Python, Go, Ruby and Rust readers', () => {
  it('reads requirements.txt pins, ranges, extras and markers, and skips options and comments', () => {
    const text = '# prod\n-r base.txt\nrequests==2.31.0\nDjango_Rest_Framework>=3.14 # api\nuvicorn[standard]==0.29.0 ; python_version >= "3.8"\n--index-url https://x\nflask\n';
    expect(versions(parseRequirementsTxt(text))).toEqual({ requests: ['2.31.0'], 'django-rest-framework': ['>=3.14'], uvicorn: ['0.29.0'], flask: ['*'] });
  });

  it('reads poetry.lock and Cargo.lock package tables', () => {
    const poetry = '[[package]]\nname = "SQLAlchemy"\nversion = "2.0.29"\ndescription = "x"\n\n[package.dependencies]\ngreenlet = "*"\n\n[[package]]\nname = "requests"\nversion = "2.31.0"\n\n[metadata]\nlock-version = "2.0"\n';
    const cargo = 'version = 3\n\n[[package]]\nname = "serde"\nversion = "1.0.197"\nsource = "registry+x"\n\n[[package]]\nname = "tokio"\nversion = "1.37.0"\n';
    expect(versions(parsePoetryLock(poetry))).toEqual({ sqlalchemy: ['2.0.29'], requests: ['2.31.0'] });
    expect(versions(parseCargoLock(cargo))).toEqual({ serde: ['1.0.197'], tokio: ['1.37.0'] });
  });

  it('reads Pipfile.lock default and develop sections', () => {
    const lock = JSON.stringify({ _meta: {}, default: { requests: { version: '==2.31.0' } }, develop: { pytest: { version: '==8.1.1' } } });
    expect(versions(parsePipfileLock(lock))).toEqual({ requests: ['2.31.0'], pytest: ['8.1.1'] });
  });

  it('reads go.mod requires in single and block form, with comments', () => {
    const mod = 'module github.com/acme/shop\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgolang.org/x/net v0.24.0 // indirect\n)\n\nreplace github.com/x/y => ../y\n';
    expect(versions(parseGoMod(mod))).toEqual({ 'github.com/lib/pq': ['v1.10.9'], 'github.com/gin-gonic/gin': ['v1.9.1'], 'golang.org/x/net': ['v0.24.0'] });
  });

  it('reads go.sum module versions, folding /go.mod lines', () => {
    const sum = 'github.com/lib/pq v1.10.7 h1:abc=\ngithub.com/lib/pq v1.10.7/go.mod h1:def=\ngithub.com/lib/pq v1.10.9 h1:ghi=\n';
    expect(versions(parseGoSum(sum))).toEqual({ 'github.com/lib/pq': ['v1.10.7', 'v1.10.9'] });
  });

  it('reads the gems under specs, not their requirements, and drops platform suffixes', () => {
    const lock = 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.8)\n    rails (7.1.3)\n      rack (>= 2.2.4)\n    nokogiri (1.16.2-x86_64-linux)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  rails (~> 7.1)\n';
    expect(versions(parseGemfileLock(lock))).toEqual({ rack: ['2.2.8'], rails: ['7.1.3'], nokogiri: ['1.16.2'] });
  });

  it('reads Gemfile constraints', () => {
    expect(versions(parseGemfile("source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem \"pg\"\n"))).toEqual({ rails: ['~> 7.1'], pg: ['*'] });
  });

  it('reads Cargo.toml dependency tables in all three spellings', () => {
    const toml = '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1.0"\ntokio = { version = "1.37", features = ["full"] }\nlocal = { path = "../local" }\n\n[dev-dependencies.mockall]\nversion = "0.12"\n\n[target.\'cfg(unix)\'.dependencies]\nnix = "0.28"\n';
    expect(versions(parseCargoToml(toml))).toEqual({ serde: ['1.0'], tokio: ['1.37'], local: ['*'], mockall: ['0.12'], nix: ['0.28'] });
  });
});

describe('diffDependencies', () => {
  const lock = (pg: string, extra: Record<string, { version: string }> = {}) =>
    JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/pg': { version: pg }, ...extra } });

  it('reports a bump as name, from and to, with ecosystem and file', () => {
    expect(diffDependencies('api/package-lock.json', lock('8.11.3'), lock('8.12.0'))).toEqual([
      { name: 'pg', ecosystem: 'npm', from: '8.11.3', to: '8.12.0', file: 'api/package-lock.json' },
    ]);
  });

  it('reports added and removed packages with a null side', () => {
    const changes = diffDependencies('package-lock.json', lock('8.11.3', { 'node_modules/old': { version: '1.0.0' } }), lock('8.11.3', { 'node_modules/zod': { version: '4.0.0' } }));
    expect(changes).toEqual([
      { name: 'old', ecosystem: 'npm', from: '1.0.0', to: null, file: 'package-lock.json' },
      { name: 'zod', ecosystem: 'npm', from: null, to: '4.0.0', file: 'package-lock.json' },
    ]);
  });

  it('treats a new file as all additions and an unchanged file as nothing', () => {
    expect(diffDependencies('go.mod', null, 'require github.com/lib/pq v1.10.9\n')).toEqual([{ name: 'github.com/lib/pq', ecosystem: 'go', from: null, to: 'v1.10.9', file: 'go.mod' }]);
    expect(diffDependencies('go.mod', 'require a v1\n', 'require a v1\n')).toEqual([]);
  });

  it('compares the highest version when go.sum keeps old ones', () => {
    const before = 'github.com/lib/pq v1.10.7 h1:a=\n';
    const after = 'github.com/lib/pq v1.10.7 h1:a=\ngithub.com/lib/pq v1.10.10 h1:b=\n';
    expect(diffDependencies('go.sum', before, after)).toEqual([{ name: 'github.com/lib/pq', ecosystem: 'go', from: 'v1.10.7', to: 'v1.10.10', file: 'go.sum' }]);
  });

  it.each([
    ['requirements.txt', 'requests==2.31.0\n', 'requests==2.32.0\n', 'pypi'],
    ['poetry.lock', '[[package]]\nname = "requests"\nversion = "2.31.0"\n', '[[package]]\nname = "requests"\nversion = "2.32.0"\n', 'pypi'],
    ['Gemfile.lock', 'GEM\n  specs:\n    requests (2.31.0)\n', 'GEM\n  specs:\n    requests (2.32.0)\n', 'rubygems'],
    ['Cargo.lock', '[[package]]\nname = "requests"\nversion = "2.31.0"\n', '[[package]]\nname = "requests"\nversion = "2.32.0"\n', 'cargo'],
  ])('reads %s', (file, before, after, ecosystem) => {
    expect(diffDependencies(file, before, after)).toEqual([{ name: 'requests', ecosystem, from: '2.31.0', to: '2.32.0', file }]);
  });

  it('ignores files that are not manifests or lockfiles', () => {
    expect(diffDependencies('src/index.ts', 'a', 'b')).toEqual([]);
  });
});

describe('mergeDependencyChanges', () => {
  it('keeps one change per package, from the lockfile rather than the manifest range', () => {
    const merged = mergeDependencyChanges([
      { name: 'pg', ecosystem: 'npm', from: '^8.11.0', to: '^8.12.0', file: 'package.json' },
      { name: 'pg', ecosystem: 'npm', from: '8.11.3', to: '8.12.0', file: 'package-lock.json' },
      { name: 'pg', ecosystem: 'pypi', from: '1', to: '2', file: 'requirements.txt' },
    ]);
    expect(merged).toEqual([
      { name: 'pg', ecosystem: 'npm', from: '8.11.3', to: '8.12.0', file: 'package-lock.json' },
      { name: 'pg', ecosystem: 'pypi', from: '1', to: '2', file: 'requirements.txt' },
    ]);
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.10.0', '1.9.3', 1],
    ['v1.10.10', 'v1.10.9', 1],
    ['2.0.0-beta.1', '2.0.0', -1],
    ['1.2.3', '1.2.3', 0],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
