import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The directory of triage's own package.json: found by walking up from this module, because the
 * module may run from src/ (tests), from dist/ as tsc wrote it, or from a bundled chunk of the
 * CLI, each at a different depth. Files that ship beside the code (package.json, playbooks/, the
 * log digest's worker and its scanner) are located from here, never relative to the calling module.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return (root = dir);
    // Nothing above: keep the old assumption (two levels up from util/) rather than fail.
    if (path.dirname(dir) === dir) return (root = path.resolve(start, '..', '..'));
  }
}

/** A path inside the package: `packagePath('playbooks')`, `packagePath('dist', 'x.js')`. */
export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
