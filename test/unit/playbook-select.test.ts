import { describe, expect, it } from 'vitest';
import { loadPlaybooks } from '../../src/playbook/loader.js';
import { selectPlaybook } from '../../src/playbook/select.js';
import { makeAlert } from '../helpers/factories.js';
import { tmpdir } from 'node:os';

const playbooks = await loadPlaybooks(tmpdir());

describe('selectPlaybook', () => {
  it.each([
    ['TimeoutError: timeout exceeded when trying to connect', [{ file: 'node_modules/pg-pool/index.js', line: 45, function: null, inApp: false, absPath: null, module: null }], 'database'],
    ['sorry, too many clients already', [], 'database'],
    ['FetchError: request to https://api.stripe.com failed, reason: ECONNRESET', [], 'upstream'],
    ['p95 latency above 2s on checkout', [], 'latency'],
    ['TypeError: Cannot read properties of undefined (reading "total")', [], 'default'],
  ])('%s → %s', (title, stacktrace, expected) => {
    expect(selectPlaybook(playbooks, makeAlert({ title, stacktrace })).playbook.id).toBe(expected);
  });

  it('says why it chose a playbook', () => {
    const choice = selectPlaybook(playbooks, makeAlert({ title: 'deadlock detected' }));
    expect(choice.reason).toContain('/deadlock/');
  });

  it('honours --playbook and rejects an unknown one', () => {
    expect(selectPlaybook(playbooks, makeAlert(), 'latency').playbook.id).toBe('latency');
    expect(() => selectPlaybook(playbooks, makeAlert(), 'nope')).toThrow(/no playbook "nope"/);
  });
});
