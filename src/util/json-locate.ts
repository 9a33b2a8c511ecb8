/**
 * Where a value sits in JSON text, so a schema problem can be reported as `file:line: path:
 * message`. Reads only well-formed JSON (the caller has parsed it already); anything odd just
 * means no line is known.
 */

type Path = readonly PropertyKey[];

const WHITESPACE = /[ \t\r\n]*/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
const SCALAR = /-?\d[\d.eE+-]*|true|false|null/y;

class Locator {
  readonly starts = new Map<string, number>();
  private at = 0;

  constructor(private readonly text: string) {}

  private skip(): void {
    WHITESPACE.lastIndex = this.at;
    WHITESPACE.exec(this.text);
    this.at = WHITESPACE.lastIndex;
  }

  private token(pattern: RegExp): string | null {
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.text);
    if (!match) return null;
    this.at = pattern.lastIndex;
    return match[0];
  }

  value(path: string[], depth: number): boolean {
    this.skip();
    this.starts.set(path.join('\u0000'), this.at);
    const char = this.text[this.at];
    if (depth > 64) return false;
    if (char === '{') return this.members(path, depth);
    if (char === '[') return this.items(path, depth);
    return this.token(char === '"' ? STRING : SCALAR) !== null;
  }

  private members(path: string[], depth: number): boolean {
    this.at += 1;
    this.skip();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return true;
    }
    for (;;) {
      this.skip();
      const key = this.token(STRING);
      if (key === null) return false;
      this.skip();
      if (this.text[this.at++] !== ':') return false;
      if (!this.value([...path, JSON.parse(key) as string], depth + 1)) return false;
      this.skip();
      const next = this.text[this.at++];
      if (next === '}') return true;
      if (next !== ',') return false;
    }
  }

  private items(path: string[], depth: number): boolean {
    this.at += 1;
    this.skip();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return true;
    }
    for (let index = 0; ; index += 1) {
      if (!this.value([...path, String(index)], depth + 1)) return false;
      this.skip();
      const next = this.text[this.at++];
      if (next === ']') return true;
      if (next !== ',') return false;
    }
  }
}

/** 1-based line of the value at `path` (or of its nearest enclosing value), or null. */
export function jsonPathLine(text: string, path: Path): number | null {
  const locator = new Locator(text);
  locator.value([], 0);
  for (let length = path.length; length >= 0; length -= 1) {
    const offset = locator.starts.get(path.slice(0, length).map(String).join('\u0000'));
    if (offset !== undefined) return text.slice(0, offset).split('\n').length;
  }
  return null;
}
