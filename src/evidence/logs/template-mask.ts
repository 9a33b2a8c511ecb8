import { normalizeRoute } from './route.js';

/**
 * Masking before template mining: the variable parts of a message (numbers, ids, addresses,
 * quoted strings, paths with ids) become `<*>` so that messages differing only in them look
 * alike to the miner.
 */

export const WILDCARD = '<*>';

const DOUBLE_QUOTED = /"(?:[^"\\]|\\.){0,200}"/g;
const SINGLE_QUOTED_WORD = /(^|[\s=(:,[])'[^'\s]{1,200}'(?=$|[\s,):.\]])/g;
const EDGE_PUNCTUATION = /^([([{<'"]*)(.*?)([)\]}>'",;:.!?]*)$/s;
const MAX_MESSAGE_CHARS = 500;

function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function maskPath(path: string): string {
  return normalizeRoute(path).replaceAll(':id', WILDCARD);
}

function maskCore(core: string): string {
  if (core === '' || core === WILDCARD) return core;
  if (core.startsWith('/') && core.length > 1) return maskPath(core);
  if (hasDigit(core) || (core.includes('@') && core.includes('.'))) return WILDCARD;
  return core;
}

/** One whitespace-free token: keeps surrounding punctuation and `key=`, masks the value. */
export function maskToken(token: string): string {
  const equals = token.indexOf('=');
  if (equals > 0 && equals < token.length - 1) {
    return `${token.slice(0, equals + 1)}${maskToken(token.slice(equals + 1))}`;
  }
  const parts = EDGE_PUNCTUATION.exec(token);
  if (parts === null) return token;
  const [, open = '', core = '', close = ''] = parts;
  const masked = maskCore(core);
  return masked === core ? token : `${open}${masked}${close}`;
}

/** The first line of a message (stack traces follow it), bounded, with quoted strings masked. */
export function messageHead(message: string): string {
  const newline = message.indexOf('\n');
  const head = newline === -1 ? message : message.slice(0, newline);
  return head.length > MAX_MESSAGE_CHARS ? head.slice(0, MAX_MESSAGE_CHARS) : head;
}

/** A message as the tokens the miner compares. */
export function tokenizeForTemplate(message: string): string[] {
  const unquoted = messageHead(message)
    .replace(DOUBLE_QUOTED, `"${WILDCARD}"`)
    .replace(SINGLE_QUOTED_WORD, `$1'${WILDCARD}'`);
  const tokens = unquoted.split(/\s+/).filter((token) => token !== '');
  return tokens.map(maskToken);
}
