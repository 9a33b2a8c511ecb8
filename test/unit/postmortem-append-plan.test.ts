import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectLineEnding, planAppend } from '../../src/postmortem/append-plan.js';
import { renderPostmortemsHeader } from '../../src/postmortem/render.js';

const ENTRY = '## 2024-01-01 — X\n\n- **Fix:** y\n';
const added = (existing: string | null) => {
  const plan = planAppend(existing === null ? null : Buffer.from(existing), ENTRY);
  return { text: plan.addition.toString('utf8'), withHeader: plan.withHeader };
};

describe('planAppend', () => {
  it.each([
    ['ends with a newline', 'a\n', '\n'],
    ['has no final newline', 'a', '\n\n'],
    ['ends with a blank line', 'a\n\n', ''],
    ['ends with CRLF', 'a\r\nb\r\n', '\r\n'],
    ['is CRLF without a final newline', 'a\r\nb', '\r\n\r\n'],
    ['ends with a blank CRLF line', 'a\r\n\r\n', ''],
    ['ends with a lone CR', 'a\r', '\n'],
  ])('adds the right separator when the file %s', (_label, existing, separator) => {
    const eol = existing.includes('\r\n') ? '\r\n' : '\n';
    expect(added(existing)).toEqual({ text: separator + ENTRY.replace(/\n/g, eol), withHeader: false });
  });

  it.each([null, ''])('starts with the header when the file is %j', (existing) => {
    expect(added(existing)).toEqual({ text: `${renderPostmortemsHeader()}\n${ENTRY}`, withHeader: true });
  });

  it('detects the line ending from the first line', () => {
    expect(detectLineEnding(Buffer.from('a\r\nb\n'))).toBe('\r\n');
    expect(detectLineEnding(Buffer.from('a\nb\r\n'))).toBe('\n');
    expect(detectLineEnding(Buffer.from('no newline'))).toBe('\n');
  });
});

// Lint must start fast: nothing it loads may pull in a package (zod, chalk, ...), only node: builtins.
describe('lint import weight', () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/postmortem');

  function runtimeImports(file: string): string[] {
    const source = readFileSync(file, 'utf8');
    // `import type` is erased at build time, so only value imports count.
    return [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((match) => match[1] ?? '');
  }

  it('reaches no npm package from lint/index.ts', () => {
    const seen = new Set<string>();
    const packages: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of runtimeImports(file)) {
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        else if (!spec.startsWith('node:')) packages.push(`${file}: ${spec}`);
      }
    };
    visit(join(root, 'lint/index.ts'));
    expect(packages).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
    const names = [...seen].map((file) => file.slice(root.length + 1));
    expect(names).toEqual(expect.arrayContaining(['lint/index.ts', 'parse.ts', 'text-codec.ts', 'markdown-lines.ts']));
    expect(names).not.toContain('model.ts');
  });
});
