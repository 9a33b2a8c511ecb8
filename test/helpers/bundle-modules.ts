import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The CLI is a rolldown bundle (rolldown.config.mjs): a module URL names a chunk, not a source
// file. Each chunk marks the source modules it holds with a `// src/....ts` comment line.
const MARKER = /^\/\/ (src\/\S+\.ts)$/gm;
const cache = new Map<string, string[]>();

function modulesInFile(file: string): string[] {
  let modules = cache.get(file);
  if (!modules) {
    modules = [...readFileSync(file, 'utf8').matchAll(MARKER)].map((match) => match[1]!);
    cache.set(file, modules);
  }
  return modules;
}

/**
 * The triage source modules (`src/commands/lint.ts`, ...) behind a list of loaded module URLs:
 * read from the markers of bundled chunks, or mapped from tsc's own dist/ tree.
 */
export function sourceModulesOf(urls: readonly string[]): string[] {
  const modules = new Set<string>();
  for (const url of urls) {
    const at = url.lastIndexOf('/dist/');
    if (!url.startsWith('file:') || at < 0 || url.includes('/node_modules/')) continue;
    const relative = url.slice(at + '/dist/'.length);
    const bundled = relative === 'cli.js' || relative.startsWith('chunks/');
    if (bundled) for (const module of modulesInFile(fileURLToPath(url))) modules.add(module);
    else modules.add(`src/${relative.replace(/\.js$/, '.ts')}`);
  }
  return [...modules].sort();
}
