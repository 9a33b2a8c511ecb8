import { describe, expect, it } from 'vitest';
import { decodeAlertJson } from '../../src/alert/json-text.js';
import { findJsonSyntaxProblem } from '../../src/alert/json-syntax.js';
import { InputError } from '../../src/errors.js';

const decode = (text: string | Uint8Array): unknown =>
  decodeAlertJson(typeof text === 'string' ? Buffer.from(text) : text, 'alert.json');

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('decodeAlertJson', () => {
  it('parses JSON text', () => {
    expect(decode('  {"title": "x", "n": [1, 2.5e3, true, null]}  ')).toEqual({ title: 'x', n: [1, 2500, true, null] });
  });

  it.each([
    ['', 'alert.json is empty.'],
    [' \n\t ', 'alert.json is empty.'],
    ['{"title": "x",}', "alert.json is not valid JSON: expected a double-quoted property name, found '}' at line 1, column 15."],
    ['{"title" "x"}', "alert.json is not valid JSON: expected ':' after a property name, found '\"' at line 1, column 10."],
    ['[1, 2', 'alert.json is not valid JSON: unexpected end of input at line 1, column 6.'],
    ['{"a": 1}\n{"b": 2}', "alert.json is not valid JSON: unexpected '{' after the end of the JSON value at line 2, column 1."],
    ['{"a": "unterminated}', 'alert.json is not valid JSON: unterminated string at line 1, column 7.'],
    ['{"a": tru}', "alert.json is not valid JSON: unexpected 't' where a value was expected at line 1, column 7."],
    ["{'a': 1}", "alert.json is not valid JSON: expected a double-quoted property name, found ''' at line 1, column 2."],
    ['{"a": [1 2]}', "alert.json is not valid JSON: expected ',' or ']' after an array element, found '2' at line 1, column 10."],
    ['{"a": "\\x"}', 'alert.json is not valid JSON: invalid escape in a string at line 1, column 8.'],
    ['title: x', "alert.json is not valid JSON: unexpected 't' where a value was expected at line 1, column 1."],
  ])('%j → %s', (text, expected) => {
    expect(message(() => decode(text))).toBe(expected);
  });

  it('refuses NUL bytes as binary', () => {
    expect(message(() => decode(Uint8Array.from([0x7b, 0x00, 0x7d])))).toBe(
      'alert.json is binary, not JSON text (it contains NUL bytes).',
    );
  });

  it('refuses invalid UTF-8', () => {
    expect(message(() => decode(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])))).toBe(
      'alert.json is not UTF-8 text; it looks like a binary file.',
    );
  });

  it('refuses more than 10 MB', () => {
    expect(message(() => decode(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x20)))).toBe(
      'alert.json is too large (10.0 MB); the limit for an alert is 10 MB.',
    );
  });

  it('refuses a million nested brackets cleanly, without a RangeError', () => {
    expect(message(() => decode('['.repeat(1_000_000)))).toBe('alert.json nests deeper than 64 levels, which no alert does.');
    expect(message(() => decode(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`))).toMatch(/nests deeper than 64/);
  });

  it('accepts 64 levels, and brackets inside strings do not count', () => {
    expect(() => decode(`${'['.repeat(64)}${']'.repeat(64)}`)).not.toThrow();
    expect(decode(JSON.stringify({ title: '['.repeat(500) }))).toEqual({ title: '['.repeat(500) });
    expect(message(() => decode(`${'['.repeat(65)}${']'.repeat(65)}`))).toMatch(/nests deeper/);
  });
});

describe('findJsonSyntaxProblem', () => {
  it.each([['{}'], ['[]'], ['"x"'], ['-0.5e-3'], ['{"a":[{"b":"\\u00e9\\n"}],"c":false}'], [' null ']])(
    'finds nothing wrong in %s, as JSON.parse agrees',
    (text) => {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxProblem(text)).toBeNull();
    },
  );
});

describe('findJsonSyntaxProblem against JSON.parse', () => {
  it('agrees on 20,000 random short texts built from JSON tokens', () => {
    const tokens = ['{', '}', '[', ']', ',', ':', '"', 'a', '1', '-', '.', 'e', '\\', 'u', ' ', '\n', 'true', 'null', '0', '"k"', '+', '\u0001'];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const disagreements: string[] = [];
    for (let n = 0; n < 20_000; n += 1) {
      const length = 1 + Math.floor(random() * 12);
      const text = Array.from({ length }, () => tokens[Math.floor(random() * tokens.length)]).join('');
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      if (valid !== (findJsonSyntaxProblem(text) === null)) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});
