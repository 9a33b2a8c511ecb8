import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { LintConfig } from '../postmortem/lint/types.js';
import { parseJsonBytes } from '../util/json-file.js';
import type { TriageConfig } from './schema.js';

/**
 * Finds the triage config for a directory: the nearest `.triagerc.json`, or the nearest
 * package.json with a "triage" key, looking upward and stopping at the repository root (the
 * first directory holding `.git`). zod is imported only when a config is found.
 */

export interface LoadedConfig {
  config: TriageConfig;
  /** The file it came from, or null when there is none (all defaults). */
  file: string | null;
}

const exists = async (file: string): Promise<boolean> => (await stat(file).catch(() => null)) !== null;

async function readIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new InputError(`cannot read ${file}: ${code ?? String(error)}`);
  }
}

async function validate(value: unknown, file: string, text: string, prefix: string[]): Promise<LoadedConfig> {
  const { parseTriageConfig } = await import('./schema.js');
  return { config: parseTriageConfig(value, { file, text, prefix }), file };
}

async function configIn(directory: string, display: (file: string) => string): Promise<LoadedConfig | null> {
  const rcFile = path.join(directory, '.triagerc.json');
  const rc = await readIfPresent(rcFile);
  if (rc) {
    const { text, value } = parseJsonBytes(rc, display(rcFile));
    return validate(value, display(rcFile), text, []);
  }
  const pkgFile = path.join(directory, 'package.json');
  const pkg = await readIfPresent(pkgFile);
  if (!pkg) return null;
  const { text, value } = parseJsonBytes(pkg, display(pkgFile));
  const section = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).triage : undefined;
  return section === undefined ? null : validate(section, display(pkgFile), text, ['triage']);
}

/** The config that applies in `start` (a directory); `explicit` (from --config) wins when given. */
export async function loadTriageConfig(start: string, options: { explicit?: string; cwd?: string } = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const display = (file: string) => path.relative(cwd, file) || file;
  if (options.explicit) {
    const file = path.resolve(cwd, options.explicit);
    const bytes = await readIfPresent(file);
    if (!bytes) throw new InputError(`cannot read the config ${options.explicit}: no such file`);
    const { text, value } = parseJsonBytes(bytes, options.explicit);
    const isPackage = path.basename(file) === 'package.json';
    const section = isPackage && value !== null && typeof value === 'object' ? (value as Record<string, unknown>).triage : value;
    return validate(section ?? {}, options.explicit, text, isPackage ? ['triage'] : []);
  }
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    const found = await configIn(directory, display);
    if (found) return found;
    if ((await exists(path.join(directory, '.git'))) || path.dirname(directory) === directory) return { config: {}, file: null };
  }
}

/** What the linter needs from the config. */
export function lintConfigOf(config: TriageConfig): LintConfig {
  return {
    ...(config.lint?.rules ? { rules: config.lint.rules } : {}),
    ...(config.severities ? { severities: config.severities } : {}),
    ...(config.lint?.blame ? { blame: config.lint.blame } : {}),
  };
}
