/**
 * Finds where JSON text goes wrong. V8's JSON.parse messages sometimes give a position and
 * sometimes only echo the text, so on failure this walks the text once more to point at a
 * line and column. Iterative on purpose: it must not itself overflow on deep input.
 */

export interface JsonSyntaxProblem {
  offset: number;
  reason: string;
}

type Expectation = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const stack: string[] = [];
  let expect: Expectation = 'value';
  let i = 0;
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length) return expect === 'end' ? null : { offset: i, reason: 'unexpected end of input' };
    const step = advance(text, i, expect, stack);
    if ('reason' in step) return step;
    [i, expect] = [step.next, step.expect];
  }
}

/** Maps a character offset to 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Step = { next: number; expect: Expectation } | JsonSyntaxProblem;

function advance(text: string, i: number, expect: Expectation, stack: string[]): Step {
  const ch = text[i] ?? '';
  switch (expect) {
    case 'value':
    case 'value-or-close':
      if (expect === 'value-or-close' && ch === ']') return close(stack, i);
      return openOrScalar(text, i, stack);
    case 'key':
    case 'key-or-close':
      if (expect === 'key-or-close' && ch === '}') return close(stack, i);
      if (ch !== '"') return { offset: i, reason: `expected a double-quoted property name, found ${show(ch)}` };
      return then(scanString(text, i), 'colon');
    case 'colon':
      return ch === ':' ? { next: i + 1, expect: 'value' } : { offset: i, reason: `expected ':' after a property name, found ${show(ch)}` };
    case 'comma-or-close':
      return commaOrClose(ch, i, stack);
    case 'end':
      return { offset: i, reason: `unexpected ${show(ch)} after the end of the JSON value` };
  }
}

function openOrScalar(text: string, i: number, stack: string[]): Step {
  const ch = text[i] ?? '';
  if (ch === '{' || ch === '[') {
    stack.push(ch);
    return { next: i + 1, expect: ch === '{' ? 'key-or-close' : 'value-or-close' };
  }
  if (ch === '"') return then(scanString(text, i), afterValue(stack));
  const literal = LITERALS.find((word) => text.startsWith(word, i));
  if (literal !== undefined) return { next: i + literal.length, expect: afterValue(stack) };
  NUMBER.lastIndex = i;
  if (NUMBER.test(text)) return { next: NUMBER.lastIndex, expect: afterValue(stack) };
  return { offset: i, reason: `unexpected ${show(ch)} where a value was expected` };
}

function commaOrClose(ch: string, i: number, stack: string[]): Step {
  const top = stack.at(-1);
  if (ch === ',') return { next: i + 1, expect: top === '{' ? 'key' : 'value' };
  if ((ch === '}' && top === '{') || (ch === ']' && top === '[')) return close(stack, i);
  const wanted = top === '{' ? "',' or '}' after a property value" : "',' or ']' after an array element";
  return { offset: i, reason: `expected ${wanted}, found ${show(ch)}` };
}

function close(stack: string[], i: number): Step {
  stack.pop();
  return { next: i + 1, expect: afterValue(stack) };
}

function afterValue(stack: string[]): Expectation {
  return stack.length === 0 ? 'end' : 'comma-or-close';
}

function then(end: number | JsonSyntaxProblem, expect: Expectation): Step {
  return typeof end === 'number' ? { next: end, expect } : end;
}

/** Returns the index just past the closing quote. */
function scanString(text: string, start: number): number | JsonSyntaxProblem {
  for (let i = start + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code < 0x20) return { offset: i, reason: 'unescaped control character in a string' };
    if (code === 92) {
      const escape = text[i + 1] ?? '';
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if ('"\\/bfnrt'.includes(escape) && escape !== '') i += 1;
      else return { offset: i, reason: 'invalid escape in a string' };
    }
  }
  return { offset: start, reason: 'unterminated string' };
}

function skipWhitespace(text: string, i: number): number {
  let j = i;
  while (j < text.length && ' \t\n\r'.includes(text[j] ?? '')) j += 1;
  return j;
}

function show(ch: string): string {
  return /^[\x21-\x7e]$/.test(ch) ? `'${ch}'` : JSON.stringify(ch);
}
