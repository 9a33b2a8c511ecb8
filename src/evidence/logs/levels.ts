import type { LogRecord } from '../types.js';

export type Level = NonNullable<LogRecord['level']>;

const LEVEL_WORDS: Record<string, Level> = {
  fatal: 'fatal',
  panic: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
  alert: 'fatal',
  crit: 'fatal',
  critical: 'fatal',
  severe: 'error',
  error: 'error',
  err: 'error',
  eror: 'error',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  info: 'info',
  information: 'info',
  notice: 'info',
  inf: 'info',
  debug: 'debug',
  dbg: 'debug',
  fine: 'debug',
  verbose: 'debug',
  trace: 'trace',
  finer: 'trace',
  finest: 'trace',
  silly: 'trace',
};

/** A level word in any case (`ERROR`, `Warning`, `crit`), or null when it is not one. */
export function levelFromWord(word: string): Level | null {
  return LEVEL_WORDS[word.toLowerCase()] ?? null;
}

/** pino/bunyan numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function levelFromNumber(value: number): Level | null {
  if (!Number.isFinite(value)) return null;
  if (value <= 10) return 'trace';
  if (value <= 20) return 'debug';
  if (value <= 30) return 'info';
  if (value <= 40) return 'warn';
  if (value <= 50) return 'error';
  return 'fatal';
}

export function levelFromValue(value: unknown): Level | null {
  if (typeof value === 'number') return levelFromNumber(value);
  if (typeof value !== 'string') return null;
  if (/^\d+$/.test(value)) return levelFromNumber(Number(value));
  return levelFromWord(value);
}

export function isErrorLevel(level: LogRecord['level']): boolean {
  return level === 'error' || level === 'fatal';
}
