import { describe, expect, it } from 'vitest';
import type { StackFrame } from '../../src/alert/schema.js';
import { libraryPackage, mapFrames, pathSegments } from '../../src/evidence/frames/index.js';

const TRACKED = [
  'src/x.ts',
  'src/db/pool.ts',
  'src/routes/uploads.ts',
  'packages/web/src/x.ts',
  'app/views.py',
  'app/__init__.py',
  'internal/upload/handler.go',
  'cmd/server/main.go',
  'lib/utils.ts',
  'a/handler.go',
  'b/handler.go',
  'index.js',
  'server.js',
];

function frame(file: string, extra: Partial<StackFrame> = {}): StackFrame {
  return { file, line: 10, function: 'fn', inApp: true, absPath: null, module: null, ...extra };
}

function mapOne(file: string, extra: Partial<StackFrame> = {}) {
  const [mapped] = mapFrames([frame(file, extra)], TRACKED);
  return { repoPath: mapped?.repoPath, package: mapped?.package, inApp: mapped?.inApp };
}

describe('mapFrames: application paths', () => {
  it.each([
    ['/srv/app/src/x.ts', 'src/x.ts'],
    ['app:///src/x.ts', 'src/x.ts'],
    ['webpack:///./src/x.ts', 'src/x.ts'],
    ['webpack://app/./src/x.ts', 'src/x.ts'],
    ['webpack:///../src/db/pool.ts', 'src/db/pool.ts'],
    ['/home/u/proj/dist/x.js', 'src/x.ts'],
    ['/home/u/proj/build/routes/uploads.js', 'src/routes/uploads.ts'],
    ['~/src/x.ts', 'src/x.ts'],
    ['C:\\Users\\dev\\proj\\src\\db\\pool.ts', 'src/db/pool.ts'],
    ['file:///C:/proj/src/x.ts', 'src/x.ts'],
    ['/app/app/views.py', 'app/views.py'],
    ['github.com/acme/shop/internal/upload/handler.go', 'internal/upload/handler.go'],
    ['/go/src/github.com/acme/shop/cmd/server/main.go', 'cmd/server/main.go'],
    ['http://localhost:3000/src/x.ts?v=3', 'src/x.ts'],
    ['/index.js', 'index.js'],
    ['src/x.ts', 'src/x.ts'],
  ])('%s → %s', (file, repoPath) => {
    expect(mapOne(file)).toEqual({ repoPath, package: null, inApp: true });
  });

  it('prefers the tracked file matched whole over a longer one sharing the tail', () => {
    expect(mapOne('/deploy/src/x.ts').repoPath).toBe('src/x.ts');
    expect(mapOne('/deploy/packages/web/src/x.ts').repoPath).toBe('packages/web/src/x.ts');
  });

  it('refuses ambiguous or basename-only matches', () => {
    expect(mapOne('/srv/handler.go').repoPath).toBeNull();
    expect(mapOne('/srv/foo/utils.ts').repoPath).toBeNull();
    expect(mapOne('/srv/app/missing.ts').repoPath).toBeNull();
  });

  it('uses abs_path when the file name alone is too short', () => {
    expect(mapOne('pool.ts', { absPath: '/srv/app/src/db/pool.ts' }).repoPath).toBe('src/db/pool.ts');
  });

  it('falls back to a Python module name', () => {
    expect(mapOne('<string>', { module: 'app.views' }).repoPath).toBe('app/views.py');
  });

  it('treats a frame Sentry marked as not in-app but resolving to a tracked file as app code', () => {
    expect(mapOne('/srv/app/src/db/pool.ts', { inApp: false })).toEqual({ repoPath: 'src/db/pool.ts', package: null, inApp: true });
  });
});

describe('mapFrames: library paths', () => {
  it.each([
    ['/srv/app/node_modules/pg/lib/client.js', 'pg'],
    ['/srv/app/node_modules/@sentry/node/build/index.js', '@sentry/node'],
    ['/app/node_modules/.pnpm/axios@1.6.0/node_modules/axios/lib/core.js', 'axios'],
    ['/usr/local/lib/python3.11/site-packages/requests/adapters.py', 'requests'],
    ['/venv/lib/python3.12/site-packages/six.py', 'six'],
    ['/usr/lib/python3.11/json/decoder.py', 'json'],
    ['/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go', 'github.com/lib/pq'],
    ['/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go', 'github.com/BurntSushi/toml'],
    ['/usr/local/go/src/net/http/server.go', 'net/http'],
    ['/app/vendor/github.com/lib/pq/conn.go', 'github.com/lib/pq'],
    ['/usr/local/bundle/gems/rack-2.2.8/lib/rack/builder.rb', 'rack'],
    ['node:internal/process/task_queues', 'node'],
    ['internal/process/task_queues.js', 'node'],
  ])('%s → package %s', (file, pkg) => {
    expect(mapOne(file, { inApp: false })).toEqual({ repoPath: null, package: pkg, inApp: false });
  });

  it('names a library from its module when the path says nothing', () => {
    expect(mapOne('requests/adapters.py', { inApp: false, module: 'requests.adapters' }).package).toBe('requests');
    expect(mapOne('runtime/panic.go', { inApp: false, module: 'runtime' }).package).toBe('runtime');
    expect(mapOne('conn.go', { inApp: false, module: 'github.com/lib/pq' }).package).toBe('github.com/lib/pq');
  });

  it('does not take an app folder called internal/ for Node internals', () => {
    expect(mapOne('internal/upload/handler.go')).toEqual({ repoPath: 'internal/upload/handler.go', package: null, inApp: true });
  });
});

describe('mapFrames: order and depth', () => {
  it('keeps input order, numbers frames and counts depth from the newest (last) frame', () => {
    const mapped = mapFrames([frame('/srv/app/server.js'), frame('/srv/app/src/db/pool.ts'), frame('/srv/app/node_modules/pg/lib/client.js', { inApp: false })], TRACKED);
    expect(mapped.map((m) => [m.index, m.depth, m.repoPath ?? m.package])).toEqual([
      [0, 2, 'server.js'],
      [1, 1, 'src/db/pool.ts'],
      [2, 0, 'pg'],
    ]);
    expect(mapped[1]).toMatchObject({ file: '/srv/app/src/db/pool.ts', line: 10, function: 'fn' });
  });

  it('maps nothing against an empty repository listing', () => {
    expect(mapFrames([frame('/srv/app/src/x.ts')], [])[0]).toMatchObject({ repoPath: null, package: null, inApp: true });
  });
});

describe('path helpers', () => {
  it('splits deployment paths into comparable segments', () => {
    expect(pathSegments('webpack://app/./src/../src/x.ts')).toEqual(['src', 'x.ts']);
    expect(pathSegments('webpack:///../../lib/x.ts')).toEqual(['lib', 'x.ts']);
    expect(pathSegments('D:\\a\\b.ts')).toEqual(['a', 'b.ts']);
  });

  it('does not name a package for application paths', () => {
    expect(libraryPackage('/srv/app/src/x.ts')).toBeNull();
    expect(libraryPackage('/go/src/github.com/acme/shop/main.go')).toBeNull();
  });
});
