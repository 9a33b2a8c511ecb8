/**
 * What a crash report may contain: the exception's type, a message with paths, quoted text and
 * environment values cut out, stack frames relative to triage's own package, the runtime, the
 * triage version and the command name. Built from an allowlist, so nothing the SDK or a later
 * version adds (host name, user, breadcrumbs, alert or log text) can slip through. Pure.
 */

export interface ScrubContext {
  /** Where triage is installed; its frames become `app:///dist/...`. */
  packageRoot: string;
  version: string;
  /** A known command name, never an argument (which could be an alert path or URL). */
  command: string | null;
  env: NodeJS.ProcessEnv;
}

type JsonObject = Record<string, unknown>;

const MAX_MESSAGE = 300;
/** Shorter values (`1`, `true`, `en_US`) are everywhere in ordinary text; replacing them would garble it. */
const MIN_ENV_VALUE = 8;

export function scrubCrashEvent<E extends object>(event: E, context: ScrubContext): E {
  const source = event as JsonObject;
  const runtime = record(record(source.contexts)?.runtime);
  const scrubbed: JsonObject = {
    event_id: source.event_id,
    timestamp: source.timestamp,
    platform: source.platform,
    level: source.level,
    sdk: source.sdk,
    release: `triage@${context.version}`,
    environment: 'production',
    tags: { command: context.command ?? 'unknown' },
    contexts: runtime ? { runtime: { name: runtime.name, version: runtime.version } } : {},
    exception: { values: list(record(source.exception)?.values).map((value) => scrubException(value, context)) },
  };
  return scrubbed as E;
}

function scrubException(value: unknown, context: ScrubContext): JsonObject {
  const exception = record(value) ?? {};
  const mechanism = record(exception.mechanism);
  return {
    type: typeof exception.type === 'string' ? scrubText(exception.type, context) : 'Error',
    value: typeof exception.value === 'string' ? scrubText(exception.value, context) : '',
    ...(mechanism ? { mechanism: { type: mechanism.type, handled: mechanism.handled } } : {}),
    stacktrace: { frames: list(record(exception.stacktrace)?.frames).map((frame) => scrubFrame(frame, context)) },
  };
}

function scrubFrame(value: unknown, context: ScrubContext): JsonObject {
  const frame = record(value) ?? {};
  return {
    filename: typeof frame.filename === 'string' ? scrubPath(frame.filename, context) : undefined,
    function: typeof frame.function === 'string' ? frame.function : undefined,
    lineno: frame.lineno,
    colno: frame.colno,
    in_app: frame.in_app,
  };
}

/** triage's files relative to its package, dependencies from node_modules on, anything else reduced to its name. */
export function scrubPath(path: string, context: ScrubContext): string {
  const file = path.replace(/^file:\/\//, '');
  if (/^node:/.test(file) || !/[\\/]/.test(file)) return file;
  const root = context.packageRoot.replace(/[\\/]+$/, '');
  if (file.startsWith(`${root}/`) || file.startsWith(`${root}\\`)) return `app:///${file.slice(root.length + 1).replaceAll('\\', '/')}`;
  const modules = file.lastIndexOf('node_modules');
  if (modules !== -1) return file.slice(modules).replaceAll('\\', '/');
  return `<path>/${file.split(/[\\/]/).at(-1) ?? ''}`;
}

export function scrubText(text: string, context: ScrubContext): string {
  let result = text
    // Quoted text is where messages carry data: alert titles, log lines, file names, user input.
    .replace(/'[^'\n]*'|"[^"\n]*"|`[^`\n]*`/g, (quoted) => `${quoted[0]}…${quoted[0]}`)
    .replace(/(?<![\w.])(?:file:\/\/)?(?:[A-Za-z]:\\|~[\\/]|\/)[^\s:'"`,;)]+/g, '<path>');
  for (const value of Object.values(context.env)) {
    if (value !== undefined && value.length >= MIN_ENV_VALUE) result = result.split(value).join('<env>');
  }
  return result.length > MAX_MESSAGE ? `${result.slice(0, MAX_MESSAGE - 1)}…` : result;
}

function record(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
