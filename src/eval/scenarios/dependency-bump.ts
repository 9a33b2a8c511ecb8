import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node media API (pino). A dependabot bump of sharp (package.json + package-lock.json v3)
 * rejects images the old version accepted; the error is thrown inside node_modules/sharp.
 * Decoys: a code change in the same folder as the in-app frame, and an older dev-tool bump.
 */

const FIRED = '2026-06-03T11:48:30.000Z';
const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/usr/src/app', file, fn, lineno, inApp);

const integrity = (name: string, version: string): string =>
  `sha512-${Buffer.from(`${name}@${version}`.repeat(6)).toString('base64').slice(0, 86)}==`;

const entry = (name: string, version: string, extra: Record<string, unknown> = {}) => ({
  version,
  resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
  integrity: integrity(name, version),
  ...extra,
});

function manifest(sharp: string, vitest: string): string {
  return `${JSON.stringify({ name: 'media-api', version: '1.4.0', type: 'module', dependencies: { express: '^4.21.2', pino: '^9.6.0', sharp: `^${sharp}` }, devDependencies: { vitest: `^${vitest}` } }, null, 2)}\n`;
}

function lockfile(sharp: string, vitest: string): string {
  const lock = {
    name: 'media-api',
    version: '1.4.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'media-api', version: '1.4.0', dependencies: { express: '^4.21.2', pino: '^9.6.0', sharp: `^${sharp}` }, devDependencies: { vitest: `^${vitest}` } },
      'node_modules/detect-libc': entry('detect-libc', '2.0.4', { license: 'Apache-2.0', engines: { node: '>=8' } }),
      'node_modules/express': entry('express', '4.21.2', { license: 'MIT', engines: { node: '>= 0.10.0' } }),
      'node_modules/pino': entry('pino', '9.6.0', { license: 'MIT', bin: { pino: 'bin.js' } }),
      'node_modules/semver': entry('semver', '7.7.2', { license: 'ISC', bin: { semver: 'bin/semver.js' } }),
      'node_modules/sharp': entry('sharp', sharp, { hasInstallScript: true, license: 'Apache-2.0', dependencies: { 'detect-libc': '^2.0.4', semver: '^7.7.2' }, engines: { node: '^18.17.0 || ^20.3.0 || >=21.0.0' } }),
      'node_modules/vitest': entry('vitest', vitest, { dev: true, license: 'MIT', bin: { vitest: 'vitest.mjs' } }),
    },
  };
  return `${JSON.stringify(lock, null, 2)}\n`;
}

const resize = `import sharp from 'sharp';

export async function resizeUpload(input: Buffer): Promise<Buffer> {
  return sharp(input).rotate().resize({ width: 1600, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
}
`;

export const scenario: Scenario = {
  id: 'dependency-bump',
  title: 'Node: a sharp bump in package-lock.json breaks image uploads inside node_modules/sharp',
  firedAt: FIRED,
  base: {
    'package.json': manifest('0.33.5', '3.2.3'),
    'package-lock.json': lockfile('0.33.5', '3.2.3'),
    'src/server.ts': "import express from 'express';\nimport { images } from './routes/images.js';\n\nexpress().use(images).listen(3000);\n",
    'src/routes/images.ts': "import { Router, raw } from 'express';\nimport { resizeUpload } from '../images/resize.js';\n\nexport const images = Router();\n\nimages.post('/api/images', raw({ type: 'image/*', limit: '20mb' }), async (req, res) => {\n  res.status(201).type('image/webp').send(await resizeUpload(req.body));\n});\n",
    'src/images/resize.ts': resize,
    'src/images/alt-text.ts': "export function altText(name: string): string {\n  return name.replace(/[-_]/g, ' ');\n}\n",
    'README.md': '# media-api\n',
  },
  commits: [
    { at: -310, message: 'Bump vitest from 3.2.3 to 3.2.4', files: { 'package.json': manifest('0.33.5', '3.2.4'), 'package-lock.json': lockfile('0.33.5', '3.2.4') }, author: 'dependabot[bot]' },
    { at: -41, message: 'Bump sharp from 0.33.5 to 0.34.2', files: { 'package.json': manifest('0.34.2', '3.2.4'), 'package-lock.json': lockfile('0.34.2', '3.2.4') }, author: 'dependabot[bot]' },
    {
      at: -36,
      message: 'Derive alt text from the original file name',
      files: { 'src/images/alt-text.ts': "export function altText(name: string): string {\n  return name.replace(/\\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ').trim();\n}\n" },
      author: 'Mia Chen',
    },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '10.1.0' },
    org: 'pixelcrate',
    project: 'media-api',
    issueId: '771029',
    eventId: 'a4c2e0f18b6d4b0f9c3e5a7d1f2b4c6e',
    errorType: 'Error',
    errorValue: 'Input buffer has corrupt header: webp: unable to parse image',
    culprit: 'Sharp.toBuffer(node_modules/sharp/lib/output)',
    transaction: 'POST /api/images',
    release: 'media-api@1.4.0',
    serverName: 'media-api-2',
    request: { method: 'POST', url: 'https://media.pixelcrate.io/api/images' },
    frames: [
      frame('node:internal/process/task_queues', 'process.processTicksAndRejections', 105, false),
      frame('node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, false),
      frame('dist/routes/images.js', null, 7, true),
      frame('dist/images/resize.js', 'resizeUpload', 4, true),
      frame('node_modules/sharp/lib/output.js', 'Sharp.toBuffer', 163, false),
      frame('node_modules/sharp/lib/output.js', '_pipeline', 1480, false),
    ],
  }),
  logs: [
    {
      path: 'logs/media-api.log',
      format: 'pino',
      traffic: {
        seed: 404,
        from: -120,
        to: 4,
        perMinute: [18, 28],
        hosts: ['media-api-1', 'media-api-2'],
        release: 'media-api@1.4.0',
        routes: [
          { method: 'POST', path: '/api/images', weight: 0.35, latencyMs: [180, 900] },
          { method: 'GET', path: '/api/images/:id', weight: 0.5, latencyMs: [4, 30] },
          { method: 'DELETE', path: '/api/images/:id', weight: 0.05, latencyMs: [8, 40] },
          { method: 'GET', path: '/healthz', weight: 0.1, latencyMs: [1, 2] },
        ],
        faults: [
          {
            from: -33,
            route: '/api/images',
            rate: 0.4,
            status: 500,
            latencyMs: [20, 90],
            error: { type: 'Error', message: 'Input buffer has corrupt header: webp: unable to parse image', stack: 'Error: Input buffer has corrupt header: webp: unable to parse image\n    at Sharp.toBuffer (/usr/src/app/node_modules/sharp/lib/output.js:163:17)\n    at resizeUpload (/usr/src/app/dist/images/resize.js:4:84)' },
          },
        ],
      },
    },
  ],
  expected: { suspect: 'Bump sharp from 0.33.5 to 0.34.2', category: 'dependency-change', route: '/api/images', onset: minuteOf(FIRED, -33) },
};
