import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAlertInput, type AlertInputIo } from '../../src/alert/intake.js';
import { InputError } from '../../src/errors.js';

let cwd: string;
const noStdin = async (): Promise<Buffer> => {
  throw new Error('stdin must not be read');
};
const io = (extra: Partial<AlertInputIo> = {}): AlertInputIo => ({ cwd, readStdin: noStdin, ...extra });

async function failure(arg: string, extra: Partial<AlertInputIo> = {}): Promise<InputError> {
  const error = await readAlertInput(arg, io(extra)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'triage-alert-intake-'));
  await writeFile(join(cwd, 'alert.json'), '{"title": "checkout down"}\n');
  await writeFile(join(cwd, '123'), '{"title": "a file named like an id"}');
  await writeFile(join(cwd, 'empty.json'), '  \n');
  await writeFile(join(cwd, 'bom.json'), '\uFEFF{"title": "with a BOM"}');
  await mkdir(join(cwd, 'alerts'));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('readAlertInput: sources', () => {
  it('reads a file relative to cwd', async () => {
    expect(await readAlertInput('alert.json', io())).toEqual({
      kind: 'payload',
      payload: { title: 'checkout down' },
      origin: 'alert.json',
    });
  });

  it('reads an absolute path', async () => {
    const input = await readAlertInput(join(cwd, 'alert.json'), io());
    expect(input).toMatchObject({ kind: 'payload', payload: { title: 'checkout down' } });
  });

  it('reads stdin for -', async () => {
    const input = await readAlertInput('-', io({ readStdin: async () => Buffer.from('{"title": "piped"}') }));
    expect(input).toEqual({ kind: 'payload', payload: { title: 'piped' }, origin: 'stdin' });
  });

  it('strips a UTF-8 byte order mark', async () => {
    expect(await readAlertInput('bom.json', io())).toMatchObject({ payload: { title: 'with a BOM' } });
  });

  it('prefers an existing file over a Sentry id of the same name', async () => {
    expect(await readAlertInput('123', io())).toMatchObject({ kind: 'payload' });
  });

  it.each([
    ['https://acme.sentry.io/issues/4471203311/', { org: 'acme', issueId: '4471203311' }],
    ['4471203311', { org: null, issueId: '4471203311' }],
    ['SHOP-1A2', { shortId: 'SHOP-1A2' }],
  ])('turns %s into a Sentry reference', async (arg, ref) => {
    expect(await readAlertInput(arg, io())).toMatchObject({ kind: 'sentry-ref', ref });
  });

  it('uses an injected readFile', async () => {
    const readFile = async (path: string): Promise<Uint8Array> => Buffer.from(`{"title": ${JSON.stringify(path)}}`);
    expect(await readAlertInput('x.json', io({ readFile }))).toMatchObject({ payload: { title: join(cwd, 'x.json') } });
  });
});

describe('readAlertInput: bad input', () => {
  it('missing file', async () => {
    expect((await failure('nope.json')).message).toBe('cannot read nope.json: no such file.');
  });

  it('missing file under a path that is a file', async () => {
    expect((await failure('alert.json/inner.json')).message).toBe('cannot read alert.json/inner.json: no such file.');
  });

  it('a directory', async () => {
    expect((await failure('alerts')).message).toBe('cannot read alerts: it is a directory.');
  });

  it('an unreadable file (injected, since root can read anything)', async () => {
    const readFile = async (): Promise<Uint8Array> => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    expect((await failure('secret.json', { readFile })).message).toBe('cannot read secret.json: permission denied.');
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file on disk', async () => {
    const path = join(cwd, 'locked.json');
    await writeFile(path, '{}');
    await chmod(path, 0o000);
    expect((await failure('locked.json')).message).toBe('cannot read locked.json: permission denied.');
  });

  it('an empty file', async () => {
    expect((await failure('empty.json')).message).toBe('empty.json is empty.');
  });

  it('empty stdin', async () => {
    expect((await failure('-', { readStdin: async () => Buffer.alloc(0) })).message).toBe('stdin is empty.');
  });

  it('a URL that is not a Sentry issue', async () => {
    expect((await failure('https://acme.sentry.io/alerts/rules/')).message).toMatch(
      /^https:\/\/acme\.sentry\.io\/alerts\/rules\/ is not a Sentry issue URL: /,
    );
  });

  it('an empty argument', async () => {
    expect((await failure('')).message).toMatch(/^No alert given/);
  });

  it('a file over 10 MB is refused before it is read', async () => {
    const path = join(cwd, 'huge.json');
    await writeFile(path, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    expect((await failure('huge.json')).message).toBe('huge.json is too large (10.0 MB); the limit for an alert is 10 MB.');
  });

  it('invalid JSON, with line and column', async () => {
    await writeFile(join(cwd, 'broken.json'), '{\n  "title": "x",\n  "severity": \n}\n');
    expect((await failure('broken.json')).message).toBe(
      "broken.json is not valid JSON: unexpected '}' where a value was expected at line 4, column 1.",
    );
  });
});
