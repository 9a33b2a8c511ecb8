/**
 * Settings changed in config files, read from a unified diff: `-  timeout: 30s` / `+  timeout: 3s`
 * becomes `{ key: 'timeout', from: '30s', to: '3s' }`, so "restore the previous value" is one
 * fact away. Parent keys visible in the hunk's context are kept (`database.pool.timeout`).
 */

export interface ConfigChange {
  file: string;
  key: string;
  from: string | null;
  to: string | null;
}

export const MAX_CONFIG_CHANGES_PER_COMMIT = 40;

/** Values of keys that name secrets are never copied into evidence. */
const SECRET_KEY = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|dsn|access[_-]?key|signing[_-]?key)/i;
const REDACTED = '[redacted]';

type Dialect = 'yaml' | 'json' | 'kv' | 'conf';

interface Setting {
  key: string;
  value: string;
}

/** Parses the diff of one commit (`git show -p`), possibly covering several files. */
export function parseConfigDiff(diff: string): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const fileDiff of splitFileDiffs(diff)) {
    changes.push(...settingChanges(fileDiff.path, fileDiff.lines));
    if (changes.length >= MAX_CONFIG_CHANGES_PER_COMMIT) return changes.slice(0, MAX_CONFIG_CHANGES_PER_COMMIT);
  }
  return changes;
}

function splitFileDiffs(diff: string): { path: string; lines: string[] }[] {
  const files: { path: string; lines: string[] }[] = [];
  let current: { path: string; lines: string[] } | null = null;
  let oldPath = '';
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = null;
    } else if (line.startsWith('--- ')) {
      oldPath = stripDiffPrefix(line.slice(4));
    } else if (line.startsWith('+++ ')) {
      const newPath = stripDiffPrefix(line.slice(4));
      current = { path: newPath === '/dev/null' ? oldPath : newPath, lines: [] };
      files.push(current);
    } else if (current && /^[ +\-@]/.test(line)) {
      current.lines.push(line);
    }
  }
  return files;
}

function stripDiffPrefix(raw: string): string {
  const path = raw.startsWith('"') ? unquoteC(raw) : raw.replace(/\t$/, '');
  return path === '/dev/null' ? path : path.replace(/^[ab]\//, '');
}

function unquoteC(quoted: string): string {
  try {
    return JSON.parse(quoted.replace(/\\([0-7]{3})/g, (_, octal: string) => `\\u00${Number.parseInt(octal, 8).toString(16).padStart(2, '0')}`)) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

function settingChanges(file: string, lines: string[]): ConfigChange[] {
  const dialect = dialectOf(file);
  const removed = new Map<string, string>();
  const added = new Map<string, string>();
  const parents = new ParentKeys();
  for (const line of lines) {
    if (line.startsWith('@@')) {
      parents.reset();
      // git names the enclosing top-level line after the hunk range (`@@ -2,4 +2,4 @@ database:`).
      readSetting(/^@@[^@]*@@ ?(.*)$/.exec(line)?.[1] ?? '', dialect, parents);
      continue;
    }
    const setting = readSetting(line.slice(1), dialect, parents);
    if (!setting) continue;
    const side = line.startsWith('-') ? removed : line.startsWith('+') ? added : null;
    if (side && !side.has(setting.key)) side.set(setting.key, setting.value);
  }
  return pairSettings(file, removed, added);
}

function pairSettings(file: string, removed: Map<string, string>, added: Map<string, string>): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const key of new Set([...removed.keys(), ...added.keys()])) {
    const from = removed.get(key) ?? null;
    const to = added.get(key) ?? null;
    if (from === to) continue;
    const secret = SECRET_KEY.test(key);
    changes.push({ file, key, from: secret && from !== null ? REDACTED : from, to: secret && to !== null ? REDACTED : to });
  }
  return changes;
}

function dialectOf(file: string): Dialect {
  const base = (file.split('/').pop() ?? file).toLowerCase();
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (/\.json5?$|\.jsonc$/.test(base)) return 'json';
  if (/\.conf$/.test(base) || base === 'caddyfile') return 'conf';
  return 'kv';
}

/** Keys opened by lines ending in `:` (YAML), `{` (JSON, nginx) or `[section]` (INI, TOML), by indentation. */
class ParentKeys {
  private stack: { indent: number; key: string }[] = [];

  reset(): void {
    this.stack = [];
  }

  pathFor(indent: number, key: string): string {
    this.stack = this.stack.filter((parent) => parent.indent < indent);
    return [...this.stack.map((parent) => parent.key), key].join('.');
  }

  open(indent: number, key: string): void {
    this.stack = this.stack.filter((parent) => parent.indent < indent);
    this.stack.push({ indent, key });
  }

  section(key: string): void {
    this.stack = [{ indent: -1, key }];
  }
}

function readSetting(text: string, dialect: Dialect, parents: ParentKeys): Setting | null {
  const indent = text.length - text.trimStart().length;
  const line = text.trim();
  if (line === '' || line.startsWith('#') || line.startsWith('//') || line.startsWith(';')) return null;
  const section = /^\[([^\]]+)\]$/.exec(line)?.[1];
  if (section !== undefined && dialect === 'kv') {
    parents.section(section.trim());
    return null;
  }
  const pair = splitPair(line, dialect);
  if (!pair) return null;
  // nginx-style blocks (`location /api {`) are not keys; directive names are specific enough alone.
  if (dialect === 'conf') return pair.value === '' || line.endsWith('{') ? null : pair;
  if (pair.value === '' || pair.value === '{' || pair.value === '[') {
    parents.open(indent, pair.key);
    return null;
  }
  return { key: parents.pathFor(indent, pair.key), value: pair.value };
}

function splitPair(line: string, dialect: Dialect): Setting | null {
  const patterns: Record<Dialect, RegExp> = {
    yaml: /^(?:-\s+)?("[^"]+"|'[^']+'|[\w.\/-]+)\s*:(?:\s+(.*))?$/,
    json: /^"([^"]+)"\s*:\s*(.*?),?$/,
    kv: /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$/,
    conf: /^([A-Za-z_][\w.-]*)\s+([^;{]*?)\s*[;{]?$/,
  };
  const match = patterns[dialect].exec(line) ?? (dialect === 'conf' ? patterns.kv.exec(line) : null);
  if (!match?.[1]) return null;
  return { key: unquote(match[1]), value: cleanValue(match[2] ?? '', dialect) };
}

function cleanValue(value: string, dialect: Dialect): string {
  const withoutComment = dialect === 'json' ? value : value.replace(/\s+#.*$/, '');
  return unquote(withoutComment.trim());
}

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) && text.length >= 2 ? text.slice(1, -1) : text;
}
