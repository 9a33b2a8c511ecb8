import { readFile } from 'node:fs/promises';
import { findJsonSyntaxProblem, lineAndColumn } from '../alert/json-syntax.js';
import { InputError } from '../errors.js';

/**
 * A small JSON file a person wrote (config, an entry for `--from-json`), read with every failure
 * turned into one sentence naming the file and, for syntax errors, the line and column.
 */

const MAX_BYTES = 1024 * 1024;

export interface JsonText {
  text: string;
  value: unknown;
}

export function parseJsonBytes(bytes: Uint8Array, origin: string): JsonText {
  if (bytes.length > MAX_BYTES) throw new InputError(`${origin} is larger than 1 MB, which is not a file triage reads as JSON.`);
  if (bytes.includes(0)) throw new InputError(`${origin} is binary, not JSON text.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(`${origin} is not UTF-8 text.`);
  }
  if (text.trim() === '') throw new InputError(`${origin} is empty; it should hold a JSON object.`);
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    const problem = findJsonSyntaxProblem(text);
    const where = problem ? lineAndColumn(text, problem.offset) : null;
    throw new InputError(`${origin} is not valid JSON${problem && where ? `: ${problem.reason} at line ${where.line}, column ${where.column}` : ''}.`);
  }
}

export async function readJsonFile(file: string, origin = file): Promise<JsonText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${origin}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error))}`);
  }
  return parseJsonBytes(bytes, origin);
}
