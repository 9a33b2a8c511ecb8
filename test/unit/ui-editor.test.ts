import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorAvailable } from '../../src/ui/editor.js';

describe('editorAvailable', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-editor-'));
  const program = path.join(dir, 'my editor');
  writeFileSync(program, '#!/bin/sh\n');
  chmodSync(program, 0o755);
  writeFileSync(path.join(dir, 'plain'), 'not executable');

  it.each<[string, NodeJS.ProcessEnv, boolean]>([
    ['nothing set', { PATH: dir }, false],
    ['a program on PATH, with arguments', { EDITOR: 'node --inspect', PATH: path.dirname(process.execPath) }, true],
    ['VISUAL before EDITOR', { VISUAL: 'no-such-editor-xyz', EDITOR: process.execPath, PATH: '' }, false],
    ['an absolute path with an escaped space', { EDITOR: `${program.replace(/ /g, '\\ ')} -w` }, true],
    ['a missing absolute path', { EDITOR: path.join(dir, 'nope') }, false],
    ['a file that is not executable', { EDITOR: 'plain', PATH: dir }, false],
    ['a typo', { EDITOR: 'vimm', PATH: dir }, false],
  ])('%s', (_name, env, expected) => {
    expect(editorAvailable(env)).toBe(expected);
  });
});
