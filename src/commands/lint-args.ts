import { parseArgs } from 'node:util';

/** `triage lint --format`: what each output is for is in README "Linting". */
export const LINT_FORMATS = ['text', 'json', 'github', 'sarif'] as const;

export interface PlainLintInvocation {
  file: string | undefined;
  /** As commander would pass them to the action: camel-cased, --format defaulted. */
  options: { format: string; fix?: true; config?: string; maxWarnings?: string };
}

/**
 * `triage lint` runs in CI on every push, where most of its start-up went to loading commander
 * and declaring every command (about 20 ms of each run). A plain invocation (`lint [FILE]` with
 * --format, --fix, --config, --max-warnings, each at most once, with valid values) is read here
 * with node:util's strict parser and dispatched directly. Anything else, such as --help, an
 * unknown or repeated flag, a missing or ambiguous value or a bad format, returns null and goes
 * through commander, which owns every message and exit code. Both paths call runLintCommand with
 * the same options (test/e2e/lint-fast-path.test.ts runs them side by side).
 */
export function plainLintInvocation(args: readonly string[]): PlainLintInvocation | null {
  if (args[0] !== 'lint' || args.includes('--')) return null;
  let parsed: ReturnType<typeof parseLintArgs>;
  try {
    parsed = parseLintArgs(args.slice(1));
  } catch {
    return null;
  }
  const { values, positionals, tokens } = parsed;
  const names = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  if (positionals.length > 1 || new Set(names).size !== names.length) return null;
  const format = values.format ?? 'text';
  if (!(LINT_FORMATS as readonly string[]).includes(format)) return null;
  return {
    file: positionals[0],
    options: {
      format,
      ...(values.fix ? { fix: true as const } : {}),
      ...(values.config !== undefined ? { config: values.config } : {}),
      ...(values['max-warnings'] !== undefined ? { maxWarnings: values['max-warnings'] } : {}),
    },
  };
}

function parseLintArgs(args: string[]) {
  return parseArgs({
    args,
    options: { format: { type: 'string' }, fix: { type: 'boolean' }, config: { type: 'string' }, 'max-warnings': { type: 'string' } },
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
}
