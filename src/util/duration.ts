import { InputError } from '../errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90m`, `2h`, `1h30m`, `7d`, `45s` → milliseconds; bad input names the flag. */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim().toLowerCase();
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== trimmed.replace(/\s/g, '')) {
    throw new InputError(`${flag} "${text}" is not a duration`, { hint: 'Use forms like 30m, 2h, 1h30m, 7d.' });
  }
  const total = parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNIT_MS[unit ?? 'm'] ?? 0), 0);
  if (total <= 0) throw new InputError(`${flag} must be longer than zero`);
  return total;
}
