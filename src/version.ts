import { readFileSync } from 'node:fs';
import { packagePath } from './util/package-root.js';

/** Read once from package.json so the report and --version never disagree with the package. */
export const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
