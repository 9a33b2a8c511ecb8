// The CLI as users run it: src/cli.ts bundled into dist/cli.js plus one chunk per lazily loaded
// command or SDK path (dist/chunks/), so a command resolves and links a handful of files instead
// of dozens. Measured with `npm run bench`: start-up and `triage lint` both drop by about 30 ms,
// a tenth of what the linting of a 1,000-entry file costs in CI. tsc still writes the module tree
// in dist/ that `npm run eval` and the benchmarks import.
// Dependencies stay external: they are installed beside triage and some (pino's transports,
// Sentry's instrumentation) locate their own files at run time.
import { chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'rolldown';

// Only triage's own modules (relative imports) are bundled; packages and node: builtins are not.
const isExternal = (id) => !id.startsWith('.') && !path.isAbsolute(id);

// Chunk names carry content hashes: clear the old ones so dist/ never mixes two builds.
rmSync('dist/chunks', { recursive: true, force: true });

// `npx triage` in a checkout runs dist/cli.js as a program: it must be executable (writers make 644).
const executableCli = { name: 'executable-cli', writeBundle: () => chmodSync('dist/cli.js', 0o755) };

const cli = defineConfig({
  input: { cli: 'src/cli.ts' },
  plugins: [executableCli],
  platform: 'node',
  external: isExternal,
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    codeSplitting: {
      groups: [
        // Every command needs the error classes: alone, so `--help` loads nothing else.
        { name: 'errors', test: /[\\/]src[\\/]errors\.ts$/, priority: 2 },
        // What `triage lint` runs, in one chunk instead of eleven: CI lints on every push. None of
        // these modules imports zod or an SDK (test/e2e/startup-imports.test.ts checks the result).
        {
          name: 'lint-core',
          priority: 1,
          test: /[\\/]src[\\/](postmortem[\\/](lint[\\/]|fields|markdown-lines|parse|parsed-entry|recurrence|render|text-codec)|alert[\\/]json-syntax|config[\\/]load|util[\\/](format|json-file))/,
        },
      ],
    },
  },
});

// The log digest's reader thread, as one self-contained file: a worker boots while the main
// thread is already digesting, and every module it resolves and links delays its first block.
// Measured: 53 ms to ready against 90 ms for tsc's module tree (29 files), idle machine.
const digestWorker = defineConfig({
  input: { 'digest-worker': 'src/evidence/logs/digest-worker.ts' },
  platform: 'node',
  external: isExternal,
  output: { dir: 'dist/workers', format: 'esm', entryFileNames: '[name].js', codeSplitting: false },
});

export default [cli, digestWorker];
