import { createHmac, randomBytes } from 'node:crypto';
import { BUILTIN_PATTERNS, type RedactionPattern } from './patterns.js';

/**
 * The redactor every outgoing text goes through (see src/llm/transport.ts, the one choke point).
 * Deterministic within a process — the same input gives the same output — so the prompt prefix
 * stays byte-identical from step to step and prompt caching keeps working.
 */
export interface Redactor {
  redact(text: string): string;
  /** Every string inside a JSON-like value, keys included; numbers and booleans are left alone. */
  redactDeep<T>(value: T): T;
  /** Pseudonyms back to the originals (secrets stay redacted): for showing a model's answer locally. */
  restore(text: string): string;
  restoreDeep<T>(value: T): T;
  /** How many matches each rule replaced, for the session log. */
  counts(): Record<string, number>;
}

export interface RedactorOptions {
  extra?: RedactionPattern[];
  /** Exact strings that must never leave (the API key itself, whatever its shape). */
  literals?: string[];
  /** Keys the pseudonyms; random per process unless a test fixes it. */
  key?: Buffer;
}

const PSEUDONYM = /\[([a-z0-9-]+)#([0-9a-f]{6})\]/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const key = options.key ?? randomBytes(32);
  const literals = (options.literals ?? []).filter((l) => l.length >= 8);
  const patterns: RedactionPattern[] = [
    ...literals.map((l) => ({ name: 'credential', regex: new RegExp(escapeRegExp(l), 'g') })),
    ...BUILTIN_PATTERNS,
    ...(options.extra ?? []),
  ];
  const originals = new Map<string, string>();
  const counts: Record<string, number> = {};

  const placeholder = (pattern: RedactionPattern, secret: string): string => {
    if (!pattern.pseudonym) return `[REDACTED:${pattern.name}]`;
    const tag = createHmac('sha256', key).update(secret.toLowerCase()).digest('hex').slice(0, 6);
    const pseudonym = `[${pattern.name}#${tag}]`;
    originals.set(pseudonym, secret);
    return pseudonym;
  };

  const redact = (text: string): string => {
    let out = text;
    for (const pattern of patterns) {
      out = out.replace(pattern.regex, (...args: unknown[]) => {
        const match = args[0] as string;
        const groups = (typeof args.at(-1) === 'object' ? args.at(-1) : undefined) as Record<string, string | undefined> | undefined;
        const pre = groups?.pre ?? '';
        const post = groups?.post ?? '';
        const secret = match.slice(pre.length, match.length - post.length);
        if (pattern.accept && !pattern.accept(secret)) return match;
        counts[pattern.name] = (counts[pattern.name] ?? 0) + 1;
        return `${pre}${placeholder(pattern, secret)}${post}`;
      });
    }
    return out;
  };

  const restore = (text: string): string => text.replace(PSEUDONYM, (whole) => originals.get(whole) ?? whole);

  const deep = <T>(value: T, map: (s: string) => string): T => {
    if (typeof value === 'string') return map(value) as T;
    if (Array.isArray(value)) return value.map((v) => deep(v, map)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [map(k), deep(v, map)])) as T;
    }
    return value;
  };

  return {
    redact,
    redactDeep: (value) => deep(value, redact),
    restore,
    restoreDeep: (value) => deep(value, restore),
    counts: () => ({ ...counts }),
  };
}

/** Every occurrence of one exact string, anywhere in a JSON-like value, replaced: for the API key. */
export function scrubLiteral<T>(value: T, literal: string, replacement = '[REDACTED:credential]'): T {
  if (typeof value === 'string') return value.split(literal).join(replacement) as T;
  if (Array.isArray(value)) return value.map((v) => scrubLiteral(v, literal, replacement)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubLiteral(v, literal, replacement)])) as T;
  return value;
}

/**
 * Restores pseudonyms in streamed text, whose chunks can split a placeholder in two: it holds
 * back a trailing `[…` that could still become one, and releases it with the next chunk.
 */
export function createStreamRestorer(redactor: Pick<Redactor, 'restore'>): { push(chunk: string): string; flush(): string } {
  let pending = '';
  return {
    push(chunk) {
      const text = pending + chunk;
      const open = text.lastIndexOf('[');
      if (open !== -1 && !text.includes(']', open) && text.length - open < 24) {
        pending = text.slice(open);
        return redactor.restore(text.slice(0, open));
      }
      pending = '';
      return redactor.restore(text);
    },
    flush() {
      const rest = pending;
      pending = '';
      return redactor.restore(rest);
    },
  };
}
