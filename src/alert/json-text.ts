import { InputError } from '../errors.js';
import { findJsonSyntaxProblem, lineAndColumn } from './json-syntax.js';

/**
 * Bytes → JSON value for alert payloads, with every way that can go wrong turned into one
 * sentence. Real alerts are kilobytes and a few dozen levels deep; the limits sit far above
 * that and far below what would hang or overflow the stack.
 */

export const MAX_ALERT_BYTES = 10 * 1024 * 1024;
export const MAX_ALERT_DEPTH = 64;

export function decodeAlertJson(bytes: Uint8Array, origin: string): unknown {
  if (bytes.length > MAX_ALERT_BYTES) {
    throw new InputError(`${origin} is too large (${megabytes(bytes.length)}); the limit for an alert is 10 MB.`);
  }
  if (bytes.includes(0)) throw new InputError(`${origin} is binary, not JSON text (it contains NUL bytes).`);
  const text = decodeUtf8(bytes, origin);
  if (text.trim() === '') throw new InputError(`${origin} is empty.`, { hint: 'Pass a file containing the alert JSON.' });
  if (exceedsDepth(text, MAX_ALERT_DEPTH)) {
    throw new InputError(`${origin} nests deeper than ${MAX_ALERT_DEPTH} levels, which no alert does.`);
  }
  return parseJsonText(text, origin);
}

function decodeUtf8(bytes: Uint8Array, origin: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${origin} is not UTF-8 text; it looks like a binary file.`);
  }
}

function parseJsonText(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    if (problem === null) throw new InputError(`${origin} is not valid JSON: ${shortMessage(error)}.`);
    const { line, column } = lineAndColumn(text, problem.offset);
    throw new InputError(`${origin} is not valid JSON: ${problem.reason} at line ${line}, column ${column}.`);
  }
}

/** Bracket depth outside strings, checked before JSON.parse so deep input can't overflow anything later. */
function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i += 1;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 93 || code === 125) depth -= 1;
  }
  return false;
}

function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 160 ? `${message.slice(0, 157)}...` : message;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
