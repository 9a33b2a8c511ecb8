import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colour and symbols live here and nowhere else. Human output goes to stderr, so colour
 * follows stderr's TTY-ness; FORCE_COLOR wins, then NO_COLOR (https://no-color.org).
 */
export interface Theme {
  c: ChalkInstance;
  symbols: { ok: string; warn: string; fail: string; step: string; bullet: string; arrow: string; bar: string };
}

export function colorLevelFor(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== 'false' && force !== '0') {
    const n = Number.parseInt(force, 10);
    return Number.isFinite(n) ? (Math.min(Math.max(n, 1), 3) as 1 | 2 | 3) : 1;
  }
  if (force === 'false' || force === '0') return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  return isTTY ? 1 : 0;
}

export function createTheme(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stderr.isTTY)): Theme {
  const level = colorLevelFor(env, isTTY);
  const unicode = level > 0 || env.TRIAGE_UNICODE === '1';
  return {
    c: new Chalk({ level }),
    symbols: unicode
      ? { ok: '✔', warn: '⚠', fail: '✖', step: '▸', bullet: '•', arrow: '→', bar: '█' }
      : { ok: 'ok', warn: '!', fail: 'x', step: '>', bullet: '-', arrow: '->', bar: '#' },
  };
}
