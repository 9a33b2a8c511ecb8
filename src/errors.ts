/**
 * Typed errors: every failure a person can cause or meet carries one clear sentence,
 * a hint saying what to do next, and the exit code scripts rely on.
 * Only src/cli.ts turns these into a process exit.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 4,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class TriageError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: ExitCodeValue; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? ExitCode.failure;
    this.hint = options.hint;
  }
}

/** Wrong flags, unreadable or malformed input: exit 2. */
export class InputError extends TriageError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: ExitCode.usage });
  }
}

/** Credentials missing, rejected or lacking a scope: exit 4. */
export class AuthError extends TriageError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: ExitCode.auth });
  }
}

/** Ctrl-C or a stop chosen by the person: exit 130, session left resumable. */
export class InterruptedError extends TriageError {
  constructor(message = 'Interrupted.', options: { hint?: string } = {}) {
    super(message, { ...options, exitCode: ExitCode.interrupted });
  }
}

export function isTriageError(error: unknown): error is TriageError {
  return error instanceof TriageError;
}
